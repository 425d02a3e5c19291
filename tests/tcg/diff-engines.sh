#!/bin/sh
# Differential test of the two execution engines: runs one bare-metal
# program with the interpreter (-accel tcg,interp=on) and with the
# translator, each logging the hart state before every block and every
# trap (-d cpu,int), and requires the same exit status and identical logs:
# register for register, pc, CSRs and instret-based counters.
#   diff-engines.sh QEMU PROGRAM.elf [TIMEOUT_SECONDS] [extra QEMU args...]
qemu=$1
elf=$2
limit=${3:-60}
[ $# -ge 3 ] && shift 3 || shift $#
name=$(basename "$elf" .elf)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

for engine in interp jit; do
    accel=tcg,jit-hot=1 # translate every block at its first run
    [ $engine = interp ] && accel=tcg,interp=on
    timeout --kill-after=5 "$limit" "$qemu" -M virt -bios none -kernel "$elf" \
        -nographic -accel $accel -d cpu,int -D "$dir/$engine.log" "$@" \
        </dev/null >"$dir/$engine.out" 2>&1
    echo $? >"$dir/$engine.rc"
done
if ! cmp -s "$dir/interp.rc" "$dir/jit.rc"; then
    echo "$name: FAIL: exit status interp $(cat "$dir/interp.rc")," \
         "translator $(cat "$dir/jit.rc")"
    exit 1
fi
if [ "$(cat "$dir/jit.rc")" != 0 ]; then
    echo "$name: FAIL: status $(cat "$dir/jit.rc") on both engines"
    cat "$dir/jit.out"
    exit 1
fi
# What runs after the exit request (until the process ends) varies: compare
# the logs up to the first entry into test_exit.
exit_pc=$(riscv64-unknown-elf-nm "$elf" 2>/dev/null |
          awk '$3 == "test_exit" { print $1 }')
for engine in interp jit; do
    awk -v pc="$exit_pc" '$1 == "pc" && $2 == pc { exit } { print }' \
        "$dir/$engine.log" >"$dir/$engine.cut"
done
if ! cmp -s "$dir/interp.cut" "$dir/jit.cut"; then
    echo "$name: FAIL: the engines' state logs differ (interp vs translator):"
    diff "$dir/interp.cut" "$dir/jit.cut" | head -40
    exit 1
fi
echo "$name: PASS: $(grep -c '^ pc ' "$dir/jit.cut") block entries agree"
