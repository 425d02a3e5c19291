#!/usr/bin/env python3
"""Run one guest program under -accel kvm (or, with --accel=tcg, Debian's
TCG, to check the program itself) and check the emulator's exit status
(isa-debug-exit: (V << 1) | 1).

    run-guest.py [--accel=kvm|tcg] QEMU GUEST STATUS [EXTRA ARGS...]

GUEST is a real-mode BIOS image (*.bin, run as -bios) or a multiboot
kernel (*.elf, run as -kernel). Exits 77 (meson's "skip") with a one-line
reason when /dev/kvm cannot be opened read-write, or when the guest
reports that the CPU lacks what it tests (status 0x45).
"""
import os
import subprocess
import sys

SKIP_STATUS = 0x45


def main():
    args = sys.argv[1:]
    accel = "kvm"
    if args and args[0].startswith("--accel="):
        accel = args.pop(0).split("=", 1)[1]
    qemu, guest, want = args[0], args[1], int(args[2], 0)
    extra = args[3:]
    if accel == "kvm" and not os.access("/dev/kvm", os.R_OK | os.W_OK):
        print("SKIP: /dev/kvm is missing or not usable: KVM guests not run")
        return 77
    image = ["-kernel", guest] if guest.endswith(".elf") else ["-bios", guest]
    # No serial port unless the test asks for one (-serial null).
    serial = [] if "-serial" in extra else ["-serial", "none"]
    cmd = [qemu, "-M", "pc", "-accel", accel] + image + [
        "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
        "-display", "none", "-monitor", "none"] + serial + extra
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        print("FAIL: timed out:", " ".join(cmd))
        return 1
    if p.returncode == SKIP_STATUS and want != SKIP_STATUS:
        print("SKIP: the guest found its feature missing: " + " ".join(cmd))
        return 77
    if p.returncode != want:
        print("FAIL: status %d, expected %d: %s\n%s" %
              (p.returncode, want, " ".join(cmd), p.stderr))
        return 1
    print("ok: status %d: %s" % (p.returncode, " ".join(cmd)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
