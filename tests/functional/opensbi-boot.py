#!/usr/bin/env python3
"""Boots Debian's OpenSBI (fw_dynamic) with -smp 1 and -smp 4 and checks the
banner: version, platform name, hart count, boot hart ISA and that it hands
over to S-mode at the start of RAM + 2M (nothing is there: we stop there).
"""
import sys

from console import Machine, main, require_file

FW = '/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin'


def boot(qemu, smp):
    m = Machine(qemu, ['-M', 'virt', '-smp', str(smp), '-m', '256M',
                       '-nographic', '-bios', FW])
    try:
        m.expect(r'OpenSBI v1\.\d+')
        m.expect(r'Platform Name\s*: riscv-virtio,qemu\n')
        m.expect(r'Platform HART Count\s*: %d\n' % smp)
        m.expect(r'Platform Timer Device\s*: aclint-mtimer @ 10000000Hz\n')
        m.expect(r'Platform Console Device\s*: uart8250\n')
        m.expect(r'Platform Reboot Device\s*: sifive_test\n')
        harts = ','.join('%d*' % i for i in range(smp))
        m.expect(r'Domain0 HARTs\s*: %s\n' % harts.replace('*', r'\*'))
        m.expect(r'Domain0 Next Mode\s*: S-mode\n')
        m.expect(r'Boot HART Base ISA\s*: rv64imafdc')
        # 16 programmable counters, as QEMU 7.2's default pmu-num
        m.expect(r'Boot HART MHPM Count\s*: 16\n')
    finally:
        m.close()


def test(qemu):
    require_file(FW)
    boot(qemu, 1)
    boot(qemu, 4)


if __name__ == '__main__':
    sys.exit(main(test, sys.argv))
