#!/usr/bin/env python3
"""OVMF on the x86_64 pc machine under KVM, from two pflash units as
QEMU's pc stacks them: Debian's OVMF_CODE_4M.fd read-only and a copy of
OVMF_VARS_4M.fd writable. OVMF must find its flash (it writes variables
on a first boot) and reach its boot manager on the serial console; the
variables it wrote must be in the VARS file afterwards.

    ovmf-boot.py QEMU-BINARY

Skips when /dev/kvm cannot be opened or Debian's ovmf is missing.
"""
import os
import shutil
import sys
import tempfile

from console import Machine, TestFailure, main, require_file, require_kvm

OVMF = '/usr/share/OVMF'
CODE = os.path.join(OVMF, 'OVMF_CODE_4M.fd')
VARS = os.path.join(OVMF, 'OVMF_VARS_4M.fd')


def test(qemu):
    require_kvm()
    require_file(CODE)
    require_file(VARS)
    with tempfile.TemporaryDirectory() as tmp:
        vars_copy = os.path.join(tmp, 'vars.fd')
        shutil.copyfile(VARS, vars_copy)
        m = Machine(qemu, [
            '-M', 'pc', '-accel', 'kvm', '-m', '256M', '-nodefaults',
            '-nographic', '-serial', 'stdio',
            '-drive', 'if=pflash,format=raw,unit=0,readonly=on,file=' + CODE,
            '-drive', 'if=pflash,format=raw,unit=1,file=' + vars_copy],
            timeout=90)
        try:
            got = m.expect(r'BdsDxe|UEFI Interactive Shell|Shell>')
            print('OVMF: ' + got.group(0))
        finally:
            m.close()
        with open(VARS, 'rb') as a, open(vars_copy, 'rb') as b:
            if a.read() == b.read():
                raise TestFailure('OVMF wrote no variable to the VARS flash')


if __name__ == '__main__':
    sys.exit(main(test, sys.argv))
