#!/usr/bin/env python3
"""OpenSBI and U-Boot on four harts, each on its own host thread
(-smp 4 -accel tcg,thread=multi): from the monitor (Ctrl-A c), stop,
system_reset and cont, then system_reset while the harts run; each time
the machine must come back through OpenSBI to U-Boot's prompt, with all
four harts started (OpenSBI's HSM brings up the others; a hart thread left
behind would keep it from booting).
"""
import sys

from console import Machine, main, require_file

FW = '/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin'
UBOOT = '/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf'


def to_prompt(m):
    m.expect(r'OpenSBI v1\.\d+')
    m.expect(r'Domain0 HARTs\s*: 0\*,1\*,2\*,3\*')
    m.expect(r'Hit any key to stop autoboot', timeout=60)
    m.send(' ')
    m.expect(r'=> ')


def monitor(m, lines):
    m.send('\x01c')
    m.expect(r'\(qemu\) ')
    m.send(lines)
    m.send('\x01c')


def test(qemu):
    require_file(FW)
    require_file(UBOOT)
    m = Machine(qemu, ['-M', 'virt', '-smp', '4', '-m', '256M',
                       '-nographic', '-accel', 'tcg,thread=multi',
                       '-bios', FW, '-kernel', UBOOT], timeout=60)
    try:
        to_prompt(m)
        monitor(m, 'stop\nsystem_reset\ncont\n')
        to_prompt(m)
        monitor(m, 'system_reset\n')
        to_prompt(m)
    finally:
        m.close()
    print('reset twice with four hart threads')


if __name__ == '__main__':
    sys.exit(main(test, sys.argv))
