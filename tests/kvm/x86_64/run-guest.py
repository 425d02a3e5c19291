#!/usr/bin/env python3
"""Run one guest program as the pc machine's BIOS under -accel kvm and
check the emulator's exit status (isa-debug-exit: (V << 1) | 1).

    run-guest.py QEMU GUEST.bin STATUS [EXTRA ARGS...]

Exits 77 (meson's "skip") with a one-line reason when /dev/kvm cannot be
opened read-write.
"""
import os
import subprocess
import sys


def main():
    qemu, guest, want = sys.argv[1], sys.argv[2], int(sys.argv[3], 0)
    extra = sys.argv[4:]
    if not os.access("/dev/kvm", os.R_OK | os.W_OK):
        print("SKIP: /dev/kvm is missing or not usable: KVM guests not run")
        return 77
    cmd = [qemu, "-M", "pc", "-accel", "kvm", "-bios", guest,
           "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
           "-display", "none", "-serial", "none", "-monitor", "none"] + extra
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        print("FAIL: timed out:", " ".join(cmd))
        return 1
    if p.returncode != want:
        print("FAIL: status %d, expected %d: %s\n%s" %
              (p.returncode, want, " ".join(cmd), p.stderr))
        return 1
    print("ok: status %d: %s" % (p.returncode, " ".join(cmd)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
