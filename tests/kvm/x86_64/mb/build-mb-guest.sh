#!/bin/sh
# Build a multiboot guest program (an ELF32 kernel linked at 1 MiB):
#   build-mb-guest.sh CC OUTPUT.elf mb.ld mb-start.S mb-lib.c PROGRAM.c
set -e
cc=$1 out=$2 lds=$3
shift 3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
incs=
for src in "$@"; do
    incs="$incs -I$(dirname "$src")"
done
objs=
for src in "$@"; do
    obj="$tmp/$(basename "$src").o"
    "$cc" -m32 -march=i686 -ffreestanding -fno-pic -fno-pie -nostdlib \
        -fno-stack-protector -mgeneral-regs-only -fno-builtin -O2 -Wall \
        -Werror $incs -c "$src" -o "$obj"
    objs="$objs $obj"
done
ld -m elf_i386 -T "$lds" --build-id=none --no-warn-rwx-segments -o "$out" $objs
