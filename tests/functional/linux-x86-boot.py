#!/usr/bin/env python3
"""Debian's amd64 kernel (a bzImage) on the x86_64 pc machine under KVM,
with a busybox initramfs whose /init prints the kernel's release and
command line, then powers off.

    linux-x86-boot.py QEMU-BINARY [--bios-none]

By default SeaBIOS boots the bzImage through fw_cfg and linuxboot_dma.bin,
as QEMU 7.2 does; with --bios-none (ours only: QEMU has no firmware-less
x86 boot) our own loader enters the kernel's 32-bit entry directly. Either
way the kernel must find its command line and initrd and reach /init.
With SeaBIOS the kernel must also find the 8042, COM1 and the PCI
interrupt links through the DSDT (its log, which /init greps), and the
machine must then power off through ACPI (the tables SeaBIOS installs
from ours; PIIX4 PM, S5): exit status 0. Without
firmware nobody installs the ACPI tables, so the kernel halts instead.

Skips when /dev/kvm cannot be opened or the amd64 kernel is not in the
cache (scripts/fetch-guests.sh amd64).
"""
import os
import re
import sys
import tempfile

from console import Machine, TestFailure, require_kvm
from guests import x86_host_cache_dir as cache_dir

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import mkinitramfs  # noqa: E402

# The kernel's log lines about the devices the DSDT describes come back
# prefixed (the console is "quiet"), then the release and command line.
INIT = r'''#!/bin/sh
/bin/busybox mount -t proc proc /proc
/bin/busybox dmesg | /bin/busybox grep -E 'i8042|serio|Interrupt link|ttyS' |
    /bin/busybox sed 's/^/X86-DMESG: /'
echo "X86-LINUX: release $(/bin/busybox uname -r) cmdline $(cat /proc/cmdline)"
/bin/busybox poweroff -f
'''
MARK = 'x86boot.mark=42'

# With firmware, the kernel finds the PC's devices through the DSDT (ACPI
# PNP): the 8042's keyboard and mouse, the PCI interrupt links set up,
# COM1 through 8250_pnp (a PNP device name, 00:NN, instead of serial8250).
ACPI_LINES = [
    r'i8042: PNP: PS/2 Controller \[PNP0303:KBD,PNP0f13:MOU\] at '
    r'0x60,0x64 irq 1,12',
    r'serio: i8042 KBD port at 0x60,0x64 irq 1',
    r'serio: i8042 AUX port at 0x60,0x64 irq 12',
    r'ACPI: PCI: Interrupt link LNKA configured for IRQ (5|10|11)$',
    r'ACPI: PCI: Interrupt link LNKB configured for IRQ (5|10|11)$',
    r'ACPI: PCI: Interrupt link LNKC configured for IRQ (5|10|11)$',
    r'ACPI: PCI: Interrupt link LNKD configured for IRQ (5|10|11)$',
    r'ACPI: PCI: Interrupt link LNKS configured for IRQ 9$',
    r'00:\d\d: ttyS0 at I/O 0x3f8 \(irq = 4, base_baud = 115200\)',
]


def test(qemu, bios_none, tmp):
    require_kvm()
    kernel = os.path.join(cache_dir(), 'Image')
    if not os.path.exists(kernel):
        print('SKIP: %s not found: run scripts/fetch-guests.sh amd64' % kernel)
        sys.exit(77)
    initrd = os.path.join(tmp, 'initrd.cpio')
    with open(initrd, 'wb') as f:
        f.write(mkinitramfs.build(cache_dir(), None, [], INIT))
    args = ['-M', 'pc', '-accel', 'kvm', '-m', '256M', '-nodefaults',
            '-nographic', '-serial', 'stdio', '-no-reboot',
            '-kernel', kernel, '-initrd', initrd,
            '-append', 'console=ttyS0 quiet panic=-1 ' + MARK]
    if bios_none:
        args += ['-bios', 'none']
    m = Machine(qemu, args, timeout=240)
    try:
        got = m.expect(r'X86-LINUX: release (\S+) cmdline ([^\n]*)\n')
        dmesg = [line.strip()[len('X86-DMESG: '):]
                 for line in m.log.splitlines()
                 if line.strip().startswith('X86-DMESG: ')]
        print('\n'.join('guest: ' + line for line in dmesg))
        print('guest: ' + got.group(0))
        if MARK not in got.group(2):
            raise TestFailure('the command line did not reach the kernel')
        if bios_none:
            return
        for want in ACPI_LINES:
            if not any(re.search(want, line) for line in dmesg):
                raise TestFailure('the kernel did not print /%s/' % want)
        status = m.proc.wait(60)
        if status != 0:
            raise TestFailure('exit status %d after poweroff' % status)
    finally:
        m.close()


def main():
    if len(sys.argv) not in (2, 3) or sys.argv[2:] not in ([], ['--bios-none']):
        print('usage: %s QEMU-BINARY [--bios-none]' % sys.argv[0])
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        try:
            test(sys.argv[1], len(sys.argv) == 3, tmp)
        except TestFailure as e:
            print('FAIL: %s' % e)
            return 1
    print('PASS')
    return 0


if __name__ == '__main__':
    sys.exit(main())
