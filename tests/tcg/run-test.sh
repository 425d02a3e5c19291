#!/bin/sh
# Runs one bare-metal test program on a qemu-system-riscv64 binary and
# turns the exit status into a verdict.
#   run-test.sh QEMU PROGRAM.elf [TIMEOUT_SECONDS] [extra QEMU args...]
# The program reports through the SiFive test finisher: status 0 = pass,
# 1..254 = the number of the failed check (the UART output names its file
# and line), 255 = an unexpected trap.
qemu=$1
elf=$2
limit=${3:-30}
[ $# -ge 3 ] && shift 3 || shift $#

if [ ! -x "$qemu" ]; then
    echo "FAIL: $qemu is not an executable"
    exit 1
fi
timeout --kill-after=5 "$limit" "$qemu" -M virt -bios none -kernel "$elf" \
    -nographic "$@" </dev/null
rc=$?
name=$(basename "$elf" .elf)
case $rc in
0)
    echo "$name: PASS"
    exit 0 ;;
124 | 137)
    echo "$name: FAIL: timed out after ${limit}s" ;;
255)
    echo "$name: FAIL: unexpected trap (status 255)" ;;
*)
    if [ "$rc" -gt 128 ]; then
        echo "$name: FAIL: $qemu died with signal $((rc - 128))"
    else
        echo "$name: FAIL: check $rc failed (status $rc)"
    fi ;;
esac
exit 1
