#!/usr/bin/env python3
"""Nested KVM on a real kernel: boots Debian trixie's riscv64 kernel
(OpenSBI, -smp 2) with an initramfs of busybox, kvm.ko and our KVM test
program (tests/kvm), checks that kvm.ko finds the hypervisor extension and
that the program passes: MMIO exits, SBI calls, a fault outside memslots, a
timer interrupt, two vCPUs (see tests/kvm/kvm-test.c).

    kvm-boot.py QEMU-BINARY KVM-TEST-PROGRAM

Skips when the guest cache is missing (scripts/fetch-guests.sh) or when
the binary's CPU has no H extension (read from its device tree).
"""
import sys
import tempfile

import guests
from console import Machine, main

# Generous: our emulator boots this kernel a few times slower than QEMU.
BOOT_TIMEOUT = 300
RUN_TIMEOUT = 240


def skip(why):
    print('SKIP: ' + why)
    sys.exit(77)


def test(qemu, program):
    why = guests.missing()
    if why:
        skip(why)
    has_h, isa = guests.has_hypervisor(qemu)
    if not has_h:
        skip('our CPU has no H extension yet (riscv,isa = %s)' % isa)
    with tempfile.TemporaryDirectory() as d:
        initrd = guests.make_initramfs(program, d)
        m = Machine(qemu, ['-M', 'virt', '-smp', '2', '-m', '512M',
                           '-nographic', '-bios', guests.firmware(),
                           '-kernel', guests.kernel(), '-initrd', initrd,
                           '-append',
                           'console=ttyS0 quiet kvmtest.mode=check'],
                    timeout=RUN_TIMEOUT)
        try:
            m.expect(r'init: userspace up', timeout=BOOT_TIMEOUT)
            # Linux 6.12 arch/riscv/kvm prints this when it finds H
            got = m.expect(r'kvm \[\d+\]: hypervisor extension '
                           r'(not )?available')
            if got.group(1):
                m.fail('kvm.ko: hypervisor extension not available')
            m.expect(r'kvm \[\d+\]: using Sv\d+x4 G-stage page table format')
            verdict = m.expect(r'KVM-TEST: (PASS|FAIL)[^\n]*\n')
            if verdict.group(1) != 'PASS':
                m.fail(verdict.group(0).strip())
            print(verdict.group(0).strip())
            # The kernel's line can land inside the program's (one console).
            if 'reboot: Power down' not in verdict.group(0):
                m.expect(r'reboot: Power down')
        finally:
            m.close()


def run(argv):
    if len(argv) != 3:
        print('usage: %s QEMU-BINARY KVM-TEST-PROGRAM' % argv[0])
        return 2
    program = argv[2]
    return main(lambda qemu: test(qemu, program), argv[:2])


if __name__ == '__main__':
    sys.exit(run(sys.argv))
