#!/usr/bin/env python3
"""SeaBIOS on the x86_64 pc machine under KVM: Debian's bios-256k.bin must
find what it needs (fw_cfg, the i440FX and PIIX, the ACPI tables, the
serial port) and print its banner on the serial port, as QEMU 7.2 does
with -nographic and no VGA (-nodefaults).

    seabios-boot.py QEMU-BINARY

Skips when /dev/kvm cannot be opened or Debian's seabios is missing.
"""
import sys

from console import Machine, main, require_file, require_kvm

BIOS = '/usr/share/seabios/bios-256k.bin'


def test(qemu):
    require_kvm()
    require_file(BIOS)
    m = Machine(qemu, ['-M', 'pc', '-accel', 'kvm', '-m', '128M',
                       '-nodefaults', '-nographic', '-serial', 'stdio'],
                timeout=30)
    try:
        got = m.expect(r'SeaBIOS \(version ([^)\r\n]+)\)')
        print('banner: ' + got.group(0))
    finally:
        m.close()


if __name__ == '__main__':
    sys.exit(main(test, sys.argv))
