#!/bin/sh
# Build a real-mode guest program into a 64 KiB BIOS image:
#   build-guest.sh CC SOURCE.S guest.ld OUTPUT.bin
set -e
cc=$1 src=$2 lds=$3 out=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cc" -m32 -c -I"$(dirname "$src")" "$src" -o "$tmp/guest.o"
ld -m elf_i386 -T "$lds" -o "$tmp/guest.elf" "$tmp/guest.o"
objcopy -O binary "$tmp/guest.elf" "$out"
[ "$(wc -c < "$out")" -eq 65536 ]
