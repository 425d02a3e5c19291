#!/usr/bin/env python3
"""A KVM guest seen through QMP and HMP: query-kvm, `info kvm`,
`info registers` of a running vCPU (its registers come out of KVM; read
50 times while the vCPU exits to user space in a loop) and of an AP that
never started, stop/cont, and system_reset.

    kvm-monitor.py QEMU REGS.bin

Exits 77 (skip) with a one-line reason when /dev/kvm is not usable.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..',
                                'functional'))
from qmp import QMP  # noqa: E402


def regs(q, cpu):
    out = q.cmd('human-monitor-command', **{'command-line': 'info registers',
                                            'cpu-index': cpu})
    return out


def ecx(text):
    return int(re.search(r'ECX=([0-9a-f]{8})', text).group(1), 16)


def main():
    qemu, guest = sys.argv[1], sys.argv[2]
    if not os.access('/dev/kvm', os.R_OK | os.W_OK):
        print('SKIP: /dev/kvm is missing or not usable: KVM guests not run')
        return 77
    tmp = tempfile.mkdtemp(prefix='kvm-monitor-')
    sock = os.path.join(tmp, 'qmp.sock')
    p = subprocess.Popen([qemu, '-M', 'pc', '-accel', 'kvm', '-smp', '2',
                          '-bios', guest, '-display', 'none', '-serial',
                          'none', '-monitor', 'none', '-qmp',
                          'unix:%s,server=on,wait=off' % sock])
    try:
        q = QMP(sock)
        assert q.cmd('query-kvm') == {'enabled': True, 'present': True}
        info = q.cmd('human-monitor-command', **{'command-line': 'info kvm'})
        assert info.strip() == 'kvm support: enabled', info
        deadline = time.monotonic() + 20
        while 'EBX=12345678' not in regs(q, 0):
            assert time.monotonic() < deadline, regs(q, 0)
            time.sleep(0.05)
        r0 = regs(q, 0)
        assert 'ESI=0000cafe' in r0, r0
        # The AP waits for INIT/SIPI in its reset state.
        r1 = regs(q, 1)
        assert 'EIP=0000fff0' in r1 and 'CS =f000 ffff0000' in r1, r1
        # Each read lands while the vCPU runs its port-read loop: often
        # between an I/O exit and its completion (KVM_RUN with
        # immediate_exit), which must not hang the reader.
        last = ecx(r0)
        for _ in range(50):
            now = ecx(regs(q, 0))
            assert now >= last, (now, last)
            last = now
        q.cmd('stop')
        assert q.cmd('query-status')['status'] == 'paused'
        a = ecx(regs(q, 0))
        time.sleep(0.2)
        assert ecx(regs(q, 0)) == a, 'ECX moved while stopped'
        q.cmd('cont')
        time.sleep(0.2)
        assert ecx(regs(q, 0)) != a, 'ECX stood still while running'
        q.cmd('system_reset')
        deadline = time.monotonic() + 20
        while not any(e['event'] == 'RESET' for e in q.events):
            assert time.monotonic() < deadline
            q.cmd('query-status')
        while 'EBX=12345678' not in regs(q, 0):
            assert time.monotonic() < deadline, regs(q, 0)
            time.sleep(0.05)
        q.cmd('quit')
        assert p.wait(timeout=20) == 0
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    print('ok: query-kvm, info kvm, info registers, stop/cont, system_reset')
    return 0


if __name__ == '__main__':
    sys.exit(main())
