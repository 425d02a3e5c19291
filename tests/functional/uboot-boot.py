#!/usr/bin/env python3
"""Boots U-Boot (qemu-riscv64_smode) on Debian's OpenSBI, stops autoboot at
its prompt and types commands on the serial console: version, fdt addr,
fdt print /cpus (the hart nodes QEMU's device tree has), then reset, after
which the machine must come back through OpenSBI and U-Boot again.
"""
import re
import sys

from console import Machine, main, require_file

FW = '/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin'
UBOOT = '/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf'
PROMPT = r'=> '


def to_prompt(m):
    m.expect(r'OpenSBI v1\.\d+')
    m.expect(r'U-Boot 20\d\d\.\d\d')
    m.expect(r'Hit any key to stop autoboot', timeout=60)
    m.send(' ')
    m.expect(PROMPT)


def command(m, line):
    """Types one command; returns its output (up to the next prompt)."""
    m.send(line + '\n', char_delay=0.002)
    m.expect(re.escape(line) + r'\n')   # the echo
    return m.expect(r'(?s)(.*?)' + PROMPT).group(1)


def test(qemu):
    require_file(FW)
    require_file(UBOOT)
    m = Machine(qemu, ['-M', 'virt', '-smp', '2', '-m', '256M',
                       '-nographic', '-bios', FW, '-kernel', UBOOT],
                timeout=60)
    try:
        to_prompt(m)
        out = command(m, 'version')
        if 'U-Boot 20' not in out:
            m.fail('version: no U-Boot version in %r' % out)
        out = command(m, 'fdt addr $fdtcontroladdr')
        if 'Working FDT set to' not in out:
            m.fail('fdt addr: %r' % out)
        out = command(m, 'fdt print /cpus')
        for want in ('cpus {', 'timebase-frequency = <0x00989680>',
                     'cpu@0 {', 'cpu@1 {', 'riscv,isa = "rv64imafdc',
                     'mmu-type = "riscv,sv', 'compatible = "riscv"',
                     'interrupt-controller {'):
            if want not in out:
                m.fail('fdt print /cpus: %r missing in:\n%s' % (want, out))
        if 'cpu@2' in out:
            m.fail('fdt print /cpus: a third hart with -smp 2')
        m.send('reset\n')
        m.expect(r'resetting')
        # The machine resets: firmware and U-Boot run again.
        to_prompt(m)
        out = command(m, 'version')
        if 'U-Boot 20' not in out:
            m.fail('version after reset: %r' % out)
    finally:
        m.close()


if __name__ == '__main__':
    sys.exit(main(test, sys.argv))
