#!/usr/bin/env python3
"""Make the seed inputs of the fuzzers whose inputs are binary, from
scratch here (nothing taken from elsewhere), at build time:

  gen-seeds.py loader OUTDIR      small RISC-V ELF64 executables: one or
                                  two PT_LOAD segments in RAM, ROM, below
                                  RAM or at vmlinux's link address, with
                                  and without a symbol table with "tohost"
  gen-seeds.py dtb OUTDIR X.dts.. the .dts files compiled by dtc
  gen-seeds.py machine OUTDIR     operation sequences (the encoding is
                                  described in fuzz-machine.c)
  gen-seeds.py multiboot OUTDIR   x86 -kernel files: multiboot (v1) ELF32
                                  kernels with one or two segments (bss, a
                                  virtual entry), a.out-kludge images, and
                                  a Linux bzImage setup header
"""
import os
import struct
import subprocess
import sys

EM_RISCV = 243
PT_LOAD = 1
SHT_SYMTAB, SHT_STRTAB = 2, 3


def elf(segments, entry, with_symtab=True):
    """segments: (paddr, vaddr, data, memsz) tuples."""
    ehsize, phsize, shsize = 64, 56, 64
    off = ehsize + phsize * len(segments)
    body = b""
    phdrs = b""
    for paddr, vaddr, data, memsz in segments:
        phdrs += struct.pack("<IIQQQQQQ", PT_LOAD, 5, off + len(body), vaddr,
                             paddr, len(data), memsz, 8)
        body += data
    sections = []
    if with_symtab:
        strtab = b"\0tohost\0"
        shstrtab = b"\0.symtab\0.strtab\0.shstrtab\0"
        symtab = bytes(24) + struct.pack("<IBBHQQ", 1, 0x11, 0, 1,
                                         segments[0][1] + 8, 8)
        base = off + len(body)
        sections = [
            (1, SHT_SYMTAB, base, symtab, 2, 24),
            (9, SHT_STRTAB, base + len(symtab), strtab, 0, 0),
            (17, SHT_STRTAB, base + len(symtab) + len(strtab), shstrtab, 0, 0),
        ]
        for s in sections:
            body += s[3]
    shoff = off + len(body) if sections else 0
    shdrs = bytes(shsize) if sections else b""
    for name, typ, offset, data, link, entsize in sections:
        shdrs += struct.pack("<IIQQQQIIQQ", name, typ, 0, 0, offset, len(data),
                             link, 0, 1, entsize)
    ident = b"\x7fELF" + bytes([2, 1, 1]) + bytes(9)
    ehdr = ident + struct.pack("<HHIQQQIHHHHHH", 2, EM_RISCV, 1, entry,
                               ehsize, shoff, 0, ehsize, phsize,
                               len(segments), shsize,
                               len(sections) + 1 if sections else 0,
                               len(sections) if sections else 0)
    return ehdr + phdrs + body + shdrs


def loader_seeds():
    code = bytes.fromhex("9302a0029382120073001000")  # li; addi; ecall
    ram, vm = 0x80000000, 0xffffffff80000000
    return {
        "ram.elf": elf([(ram, ram, code, 0x40)], ram),
        "nosym.elf": elf([(ram, ram, code, len(code))], ram, False),
        "rom.elf": elf([(0x1000, 0x1000, code, 0x20)], 0x1000),
        "vmlinux.elf": elf([(vm, vm, code, 0x100)], vm + 4),
        "below-ram.elf": elf([(ram - 0x1000, ram - 0x1000, code * 2,
                               0x2000)], ram),
        "two.elf": elf([(ram, ram, code, 0x10),
                        (ram + 0x1000, 0x1000, code, 0x40)], 0x1000),
    }


MB_MAGIC = 0x1badb002


def mb_header(flags, fields=b""):
    return struct.pack("<III", MB_MAGIC, flags,
                       (-(MB_MAGIC + flags)) & 0xffffffff) + fields


def elf32(segments, entry):
    """segments: (paddr, vaddr, data, memsz); an i386 executable."""
    off = 52 + 32 * len(segments)
    body, phdrs = b"", b""
    for paddr, vaddr, data, memsz in segments:
        phdrs += struct.pack("<IIIIIIII", PT_LOAD, off + len(body), vaddr,
                             paddr, len(data), memsz, 7, 4)
        body += data
    ehdr = b"\x7fELF" + bytes([1, 1, 1]) + bytes(9) + struct.pack(
        "<HHIIIIIHHHHHH", 2, 3, 1, entry, 52, 0, 0, 52, 32, len(segments),
        40, 0, 0)
    return ehdr + phdrs + body


def multiboot_seeds():
    code = mb_header(2) + bytes.fromhex("b021e6f4f4")  # mov al; out; hlt
    aout_fields = struct.pack("<IIIII", 0x100000, 0x100000, 0, 0x102000,
                              0x10000c)
    return {
        "elf.elf": elf32([(0x100000, 0x100000, code, 0x1000)], 0x10000c),
        "virt.elf": elf32([(0x100000, 0xc0100000, code, len(code))],
                          0xc010000c),
        "two.elf": elf32([(0x100000, 0x100000, code, 0x40),
                          (0x8000, 0x8000, code, 0x2000)], 0x8000),
        "aout.bin": mb_header(0x10002, aout_fields) + bytes(64),
        "aout-end.bin": mb_header(0x10000, struct.pack(
            "<IIIII", 0x200000, 0x200000, 0x200040, 0, 0x200020)) + bytes(64),
        "bzimage.bin": bzimage(),
    }


def bzimage():
    """A Linux setup header (protocol 2.15, loaded high) and a payload."""
    b = bytearray(5 * 512 + 256)
    b[0x1f1] = 4
    struct.pack_into("<H", b, 0x1fe, 0xaa55)
    b[0x200:0x202] = b"\xeb\x66"
    b[0x202:0x206] = b"HdrS"
    struct.pack_into("<HB", b, 0x206, 0x020f, 0)
    b[0x211] = 1
    struct.pack_into("<I", b, 0x22c, 0x7fffffff)
    struct.pack_into("<I", b, 0x238, 2048)
    struct.pack_into("<I", b, 0x260, 0x100000)
    return bytes(b)


def op_load(region, off, size):
    return struct.pack("<BBIB", 0, region, off, size)


def op_store(region, off, size, val):
    return struct.pack("<BBIBQ", 1, region, off, size, val)


def op_write(region, off, data):
    return struct.pack("<BBIB", 3, region, off, len(data) - 1) + data


def op_ram_write(off, data):
    return struct.pack("<BIB", 4, off, len(data)) + data


def op_clock_step(ns):
    return struct.pack("<BI", 5, ns)


def machine_seeds():
    seeds = {}
    for r in range(16):
        ops = b""
        for off in (0, 4, 8, 0x10, 0x70):
            ops += op_load(r, off, 2) + op_store(r, off, 2, 1)
            ops += op_store(r, off, 0, 0xff) + op_load(r, off, 3)
        ops += op_clock_step(1000000) + op_clock_step(0)
        seeds[f"region{r}"] = ops
    seeds["dma"] = (op_ram_write(0x1000, bytes(range(64))) +
                    op_write(5, 0x50, b"\x00\x00\x00\x00") +
                    op_clock_step(10))
    return seeds


def main():
    kind, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    if kind == "dtb":
        for src in sys.argv[3:]:
            name = os.path.splitext(os.path.basename(src))[0] + ".dtb"
            subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o",
                            os.path.join(out, name), src], check=True)
        return
    seeds = {"loader": loader_seeds, "multiboot": multiboot_seeds,
             "machine": machine_seeds}[kind]()
    for name, data in seeds.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
