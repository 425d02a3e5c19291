#!/bin/sh
# Benchmarks: each runs the same guest work on our qemu-system-riscv64 and on
# Debian's, same machine, same run, and prints the ratio (>1: we are faster).
#   cpubench   a CPU-bound bare-metal workload of our own (bench/guest)
#   uboot      time from start to the U-Boot prompt (OpenSBI + U-Boot)
set -e
cd "$(dirname "$0")/.."
OURS=${OURS:-build/qemu-system-riscv64}
THEIRS=${THEIRS:-/usr/bin/qemu-system-riscv64}
OUT=build/bench
mkdir -p $OUT
CC=riscv64-unknown-elf-gcc

if ! command -v $CC >/dev/null; then
    echo "SKIP: $CC not found (scripts/install-deps.sh installs it)"; exit 0
fi
if [ ! -x "$THEIRS" ]; then
    echo "SKIP: $THEIRS not found"; exit 0
fi

$CC -O2 -march=rv64gc -mabi=lp64d -mcmodel=medany -nostdlib -static \
    -ffreestanding -Wl,--no-warn-rwx-segments -T bench/guest/link.ld -o $OUT/cpubench.elf \
    bench/guest/start.S bench/guest/cpubench.c

now() { date +%s.%N; }

# run BINARY: prints elapsed seconds; the guest's checksum goes to FILE.
run_cpubench() {
    t0=$(now)
    timeout 600 "$1" -M virt -bios none -display none -serial file:"$2" \
        -kernel $OUT/cpubench.elf
    t1=$(now)
    awk "BEGIN { print $t1 - $t0 }"
}

t_ours=$(run_cpubench "$OURS" $OUT/cpubench-ours.txt)
t_theirs=$(run_cpubench "$THEIRS" $OUT/cpubench-theirs.txt)
if ! cmp -s $OUT/cpubench-ours.txt $OUT/cpubench-theirs.txt; then
    echo "cpubench: checksums differ: ours $(cat $OUT/cpubench-ours.txt)," \
         "Debian's $(cat $OUT/cpubench-theirs.txt)"
    exit 1
fi
awk -v o="$t_ours" -v t="$t_theirs" 'BEGIN {
    printf "cpubench: ours %.2fs, Debian QEMU %.2fs, ratio %.3f (Debian time / ours)\n", o, t, t / o }'

# Time from start until U-Boot (on OpenSBI) offers its prompt: the
# "Hit any key to stop autoboot" line on the serial port.
UBOOT=/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf
run_uboot() {
    log=$OUT/uboot-$2.txt
    rm -f "$log"
    t0=$(now)
    "$1" -M virt -smp 2 -m 512M -display none -serial file:"$log" \
        -kernel $UBOOT &
    pid=$!
    i=0
    while ! grep -q "Hit any key to stop autoboot" "$log" 2>/dev/null; do
        i=$((i + 1))
        if [ $i -gt 6000 ]; then
            kill $pid; echo "uboot: no prompt from $1 within 60s" >&2; exit 1
        fi
        sleep 0.01
    done
    t1=$(now)
    kill $pid; wait $pid 2>/dev/null || true
    awk "BEGIN { print $t1 - $t0 }"
}

if [ -f $UBOOT ]; then
    u_ours=$(run_uboot "$OURS" ours)
    u_theirs=$(run_uboot "$THEIRS" theirs)
    awk -v o="$u_ours" -v t="$u_theirs" 'BEGIN {
        printf "uboot: to the prompt: ours %.2fs, Debian QEMU %.2fs, ratio %.3f (Debian time / ours)\n", o, t, t / o }'
else
    echo "SKIP: uboot: $UBOOT not found (package u-boot-qemu)"
fi
