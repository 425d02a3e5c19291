#!/bin/sh
# Runs a bare-metal HTIF program on `-M spike` and checks what it did.
#   run-spike.sh QEMU PROGRAM.elf EXPECTED_STATUS EXPECTED_OUTPUT [INPUT]
# Passes when QEMU exits with EXPECTED_STATUS (the program's exit code,
# written to tohost as (code << 1) | 1) and its console output is exactly
# EXPECTED_OUTPUT followed by a newline. INPUT (a printf format) is what
# the console reads; without it, nothing.
qemu=$1
elf=$2
want_rc=$3
want_out=$4
input=${5:-}
name=$(basename "$elf" .elf)

if [ ! -x "$qemu" ]; then
    echo "$name: FAIL: $qemu is not an executable"
    exit 1
fi
out=$(printf "$input" | timeout --kill-after=5 30 "$qemu" -M spike \
      -bios none -kernel "$elf" -nographic)
rc=$?
echo "$name: output: '$out', status $rc"
if [ "$rc" -ne "$want_rc" ]; then
    case $rc in
    124 | 137) echo "$name: FAIL: timed out" ;;
    *) echo "$name: FAIL: status $rc, expected $want_rc" ;;
    esac
    exit 1
fi
if [ "$out" != "$want_out" ]; then
    echo "$name: FAIL: output '$out', expected '$want_out'"
    exit 1
fi
echo "$name: PASS"
