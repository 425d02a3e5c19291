#!/bin/sh
# Benchmarks: each runs the same guest work on our qemu-system-riscv64 and on
# Debian's, same machine, same run, BENCH_RUNS times (default 5, the two
# binaries alternating), and prints per binary the median CPU time (user +
# sys) with its spread (min-max), and the ratio of the medians with the
# spread of the per-run ratios (>1: we are faster).
#   cpubench   a CPU-bound bare-metal workload of our own (bench/guest)
#   fpbench    an FP-heavy bare-metal workload of our own (bench/guest)
#   uboot      CPU time from start to the U-Boot prompt (OpenSBI + U-Boot)
#   disk       boot to a login from a virtio disk, and guest disk MiB/s and
#              IOPS (bench/disk.py)
#   net        guest-to-host TCP through slirp: MiB/s and host CPU per MiB
#              (bench/net.py)
#   coremark   EEMBC's CoreMark (performance run, COREMARK_ITERATIONS,
#              default 3000), fetched by scripts/fetch-coremark.sh into
#              the guest cache, with our port layer (bench/coremark);
#              skipped when it cannot be fetched
#   linux-boot Debian's kernel to userspace, -smp 1 and 4 (bench/linux.py)
#   kvm-x86    qemu-system-x86_64 -accel kvm: guest TSC cycles per exit
#              round trip (CPUID, user-space PIO and MMIO, IPI + HLT
#              wake-up; bench/kvm-x86.py); without /dev/kvm both run in
#              the nested KVM host (tests/kvm/x86_64/nested-host.py: a
#              few CPU-minutes, nested and noisy figures)
# Extra arguments for our binary: OURS_ARGS.
#
#   bench/run.sh [NAME...]   only the named benchmarks (default: all);
#                            e.g. `BENCH_RUNS=5 bench/run.sh coremark`
set -e
cd "$(dirname "$0")/.."
ALL="kvm-x86 cpubench fpbench coremark uboot linux-boot disk net"
for b in "$@"; do
    case " $ALL " in
    *" $b "*) ;;
    *) echo "bench/run.sh: unknown benchmark '$b' (one of: $ALL)" >&2; exit 1 ;;
    esac
done
# want NAME: NAME was asked for (or nothing was, so all are).
BENCHES="$*"
want() {
    [ -z "$BENCHES" ] && return 0
    case " $BENCHES " in *" $1 "*) return 0 ;; esac
    return 1
}
OURS=${OURS:-build/qemu-system-riscv64}
THEIRS=${THEIRS:-/usr/bin/qemu-system-riscv64}
RUNS=${BENCH_RUNS:-5}
OUT=build/bench
mkdir -p $OUT
CC=riscv64-unknown-elf-gcc

X86_OURS=${X86_OURS:-build/qemu-system-x86_64}
X86_THEIRS=${X86_THEIRS:-/usr/bin/qemu-system-x86_64}
if ! want kvm-x86; then
    :
elif [ -x "$X86_OURS" ] && [ -x "$X86_THEIRS" ] && command -v gcc >/dev/null; then
    mb=tests/kvm/x86_64/mb
    $mb/build-mb-guest.sh gcc $OUT/exitbench.elf $mb/mb.ld $mb/mb-start.S \
        $mb/mb-lib.c bench/x86/exitbench.c
    python3 bench/kvm-x86.py "$X86_OURS" "$X86_THEIRS" $OUT/exitbench.elf "$RUNS"
else
    echo "SKIP: kvm-x86: $X86_OURS, $X86_THEIRS or gcc missing"
fi

if ! command -v $CC >/dev/null; then
    echo "SKIP: $CC not found (scripts/install-deps.sh installs it)"; exit 0
fi
if [ ! -x "$THEIRS" ]; then
    echo "SKIP: $THEIRS not found"; exit 0
fi
if [ ! -x /usr/bin/time ]; then
    echo "SKIP: /usr/bin/time not found (package time)"; exit 0
fi

for b in cpubench fpbench; do
    want $b || continue
    $CC -O2 -march=rv64gc -mabi=lp64d -mcmodel=medany -nostdlib -static \
        -ffreestanding -fno-math-errno -Wl,--no-warn-rwx-segments -T bench/guest/link.ld \
        -o $OUT/$b.elf bench/guest/start.S bench/guest/$b.c
done

# median FILE: the median of the numbers in FILE (one a line).
median() { sort -g "$1" | awk '{ v[NR] = $1 } END {
    print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -g "$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END {
    printf "%.2f-%.2f", lo, hi }'; }

# report NAME: the summary line from $OUT/NAME-{ours,theirs}.times
report() {
    o=$OUT/$1-ours.times t=$OUT/$1-theirs.times
    paste $o $t | awk '{ print $2 / $1 }' >$OUT/$1-ratio.times
    printf "%s: CPU s, median (min-max) of %s runs: ours %.2f (%s), Debian QEMU %.2f (%s), ratio %.3f (%s)\n" \
        "$1" "$RUNS" "$(median $o)" "$(range $o)" "$(median $t)" "$(range $t)" \
        "$(awk -v o="$(median $o)" -v t="$(median $t)" 'BEGIN { print t / o }')" \
        "$(range $OUT/$1-ratio.times)"
}

# run_guest BINARY ELF OUTFILE [ARGS]: prints the CPU seconds it used.
run_guest() {
    bin=$1 elf=$2 out=$3
    shift 3
    /usr/bin/time -f "%U %S" -o $OUT/time.txt timeout 600 "$bin" "$@" \
        -M virt -bios none -display none -serial file:"$out" -kernel "$elf"
    awk '{ print $1 + $2 }' $OUT/time.txt
}

# check NAME: the guest's output (its checksums) on both binaries agrees;
# for CoreMark its CRC lines (the rest holds timings), which must also be
# the known ones (no "ERROR! ... crc" line).
check_output() {
    o=$OUT/$1-ours.txt t=$OUT/$1-theirs.txt
    if [ "$1" = coremark ]; then
        grep crc $o >$o.crc; grep crc $t >$t.crc
        o=$o.crc t=$t.crc
        if grep -q "ERROR.*crc" $o || ! grep -q crcfinal $o; then
            echo "coremark: failed its own check:"; cat $OUT/$1-ours.txt
            exit 1
        fi
    fi
    if ! cmp -s $o $t; then
        echo "$1: outputs differ: ours $(cat $o), Debian's $(cat $t)"
        exit 1
    fi
}

# bench_elf NAME: $OUT/NAME.elf on both binaries, alternating.
bench_elf() {
    : >$OUT/$1-ours.times
    : >$OUT/$1-theirs.times
    for i in $(seq $RUNS); do
        # shellcheck disable=SC2086
        run_guest "$OURS" $OUT/$1.elf $OUT/$1-ours.txt $OURS_ARGS >>$OUT/$1-ours.times
        run_guest "$THEIRS" $OUT/$1.elf $OUT/$1-theirs.txt >>$OUT/$1-theirs.times
        check_output $1
    done
    report $1
}

for b in cpubench fpbench; do
    if want $b; then
        bench_elf $b
    fi
done

if ! want coremark; then
    :
elif cm=$(scripts/fetch-coremark.sh); then
    # shellcheck disable=SC2086
    $CC -O2 -march=rv64gc -mabi=lp64d -mcmodel=medany -nostdlib -static \
        -ffreestanding -Wl,--no-warn-rwx-segments -T bench/guest/link.ld \
        -DTOTAL_DATA_SIZE=2000 -DITERATIONS=${COREMARK_ITERATIONS:-3000} \
        -DFLAGS_STR='"-O2 -march=rv64gc"' -I"$cm" -Ibench/coremark \
        -o $OUT/coremark.elf bench/guest/start.S bench/coremark/core_portme.c \
        "$cm"/core_list_join.c "$cm"/core_main.c "$cm"/core_matrix.c \
        "$cm"/core_state.c "$cm"/core_util.c -lgcc
    bench_elf coremark
else
    echo "SKIP: coremark: scripts/fetch-coremark.sh could not fetch it (see above)"
fi

# CPU time (from /proc, in clock ticks) the process used until U-Boot (on
# OpenSBI) offers its prompt: the "Hit any key to stop autoboot" line.
UBOOT=/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf
run_uboot() {
    log=$OUT/uboot-$2.txt
    rm -f "$log"
    # shellcheck disable=SC2086
    "$1" -M virt -smp 2 -m 512M -display none -serial file:"$log" \
        -kernel $UBOOT $3 2>/dev/null &
    pid=$!
    i=0
    while ! grep -q "Hit any key to stop autoboot" "$log" 2>/dev/null; do
        i=$((i + 1))
        if [ $i -gt 6000 ]; then
            kill $pid; echo "uboot: no prompt from $1 within 60s" >&2; exit 1
        fi
        sleep 0.01
    done
    ticks=$(awk '{ print $14 + $15 }' /proc/$pid/stat)
    kill $pid; wait $pid 2>/dev/null || true
    awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { print t / hz }'
}

if ! want uboot; then
    :
elif [ -f $UBOOT ]; then
    : >$OUT/uboot-ours.times
    : >$OUT/uboot-theirs.times
    for i in $(seq $RUNS); do
        run_uboot "$OURS" ours "$OURS_ARGS" >>$OUT/uboot-ours.times
        run_uboot "$THEIRS" theirs "" >>$OUT/uboot-theirs.times
    done
    report uboot
else
    echo "SKIP: uboot: $UBOOT not found (package u-boot-qemu)"
fi

KVM_TEST=build/tests/kvm/kvm-test
if ! want linux-boot; then
    :
elif [ -x $KVM_TEST ]; then
    python3 bench/linux.py "$OURS" "$THEIRS" $KVM_TEST "${LINUX_RUNS:-3}"
else
    echo "SKIP: linux-boot, kvm-mmio: $KVM_TEST not built (riscv64-linux-gnu-gcc)"
fi

# Disks: boot to a login from the virtio root disk, then diskbench (a
# static riscv64 Linux program) on a scratch virtio disk; see bench/disk.py.
if ! want disk; then
    :
elif command -v riscv64-linux-gnu-gcc >/dev/null; then
    riscv64-linux-gnu-gcc -O2 -static -s -o $OUT/diskbench \
        bench/guest/diskbench.c
    python3 bench/disk.py "$OURS" "$THEIRS" $OUT/diskbench "${LINUX_RUNS:-3}"
else
    echo "SKIP: disk: riscv64-linux-gnu-gcc not found"
fi

# Network: a guest sends to a host socket through slirp; see bench/net.py.
if want net; then
    python3 bench/net.py "$OURS" "$THEIRS" "${LINUX_RUNS:-3}"
fi
