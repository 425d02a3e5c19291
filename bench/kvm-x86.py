#!/usr/bin/env python3
"""KVM exit round trips on qemu-system-x86_64, ours against Debian's QEMU
7.2 on the same guest in the same run (bench/x86/exitbench.c, a multiboot
kernel run with -accel kvm -smp 2), RUNS boots each, alternating. The guest
times each kind of exit with its TSC and leaves the cycles per iteration
in its registers; we read them with `info registers`:

  cpuid  CPUID (answered in the kernel: the floor of a round trip)
  pio    a port read answered in user space (nothing at port 0x99)
  mmio   an MMIO read answered in user space (an unmapped address)
  ipi    an IPI to the other vCPU, halted, which wakes and IPIs back to
         this one, halted too (two IPIs, two HLT wake-ups)

    kvm-x86.py OURS THEIRS GUEST.elf [RUNS] [--accel=tcg]

Prints for each the median and spread (min-max) of each side, in guest TSC
cycles per iteration, and the ratio of the medians, Debian's / ours (> 1:
we are faster). Skips with a reason without a usable /dev/kvm
(--accel=tcg runs the guest anyway, to check it; TCG's numbers mean
nothing for KVM).
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'functional'))
from qmp import QMP  # noqa: E402

NAMES = [('cpuid', 'EAX'), ('pio', 'EBX'), ('mmio', 'ECX'), ('ipi', 'EDX')]
DONE = 'ESI=600d600d'


def one_run(qemu, guest, accel):
    tmp = tempfile.mkdtemp(prefix='kvm-x86-bench-')
    sock = os.path.join(tmp, 'qmp.sock')
    p = subprocess.Popen([qemu, '-M', 'pc', '-accel', accel, '-smp', '2',
                          '-kernel', guest, '-display', 'none', '-serial',
                          'none', '-monitor', 'none', '-qmp',
                          'unix:%s,server=on,wait=off' % sock],
                         stderr=subprocess.DEVNULL)
    try:
        q = QMP(sock)
        deadline = time.monotonic() + 300
        while True:
            regs = q.cmd('human-monitor-command',
                         **{'command-line': 'info registers', 'cpu-index': 0})
            if DONE in regs:
                break
            if time.monotonic() > deadline:
                raise RuntimeError('%s: the guest did not finish' % qemu)
            time.sleep(0.2)
        q.cmd('quit')
        p.wait(timeout=30)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    return {n: int(re.search(r'%s=([0-9a-f]{8})' % r, regs).group(1), 16)
            for n, r in NAMES}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--accel=')]
    accel = next((a.split('=', 1)[1] for a in sys.argv[1:]
                  if a.startswith('--accel=')), 'kvm')
    ours, theirs, guest = args[0], args[1], args[2]
    runs = int(args[3]) if len(args) > 3 else 5
    if accel == 'kvm' and not os.access('/dev/kvm', os.R_OK | os.W_OK):
        print('SKIP: kvm-x86 exits: /dev/kvm is missing or not usable')
        return 0
    res = {'ours': [], 'theirs': []}
    for _ in range(runs):
        res['ours'].append(one_run(ours, guest, accel))
        res['theirs'].append(one_run(theirs, guest, accel))
    for name, _ in NAMES:
        o = [r[name] for r in res['ours']]
        t = [r[name] for r in res['theirs']]
        mo, mt = statistics.median(o), statistics.median(t)
        print('kvm-x86 %s: cycles per iteration, median (min-max) of %d '
              'runs: ours %d (%d-%d), Debian QEMU %d (%d-%d), ratio %.2f'
              % (name, runs, mo, min(o), max(o), mt, min(t), max(t),
                 mt / mo if mo else 0))
    return 0


if __name__ == '__main__':
    sys.exit(main())
