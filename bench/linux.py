#!/usr/bin/env python3
"""Benchmarks with Debian's riscv64 kernel (see tests/functional/guests.py),
ours against Debian's QEMU in the same run, RUNS boots each, interleaved:

  linux-boot  host CPU time (user + system) of the emulator from its start
              until the initramfs's /init runs (the "init: userspace up"
              line): OpenSBI, the kernel's boot, unpacking the initramfs;
              with -smp 1 and with -smp 4
  kvm-mmio    the round trip of one guest MMIO exit through the nested KVM:
              tests/kvm/kvm-test's bench mode makes 10,000 of them; we take
              the emulator's CPU time over them (between the program's
              "start" and result lines) per exit; the program's own figure
              (its CLOCK_MONOTONIC, i.e. wall time, so load-sensitive) is
              shown too; only on a binary whose CPU has H (in the -smp 4
              boots)
The CPU time counts every thread: Debian's QEMU runs one per hart (MTTCG),
ours one per hart where the host has a core for each, else one for all.

    linux.py OURS THEIRS KVM-TEST-PROGRAM [RUNS]

Prints the median and the spread (min-max) of each side and the ratio of
the medians, Debian's / ours (> 1: we are faster).
"""
import contextlib
import io
import os
import re
import statistics
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'functional'))
import guests  # noqa: E402
from console import Machine, TestFailure  # noqa: E402

TIMEOUT = 600


def cpu_seconds(pid):
    """utime + stime of a process, from /proc/PID/stat (proc(5))."""
    with open('/proc/%d/stat' % pid) as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


SMPS = (1, 4)


def one_boot(qemu, initrd, with_kvm, smp):
    """Returns (boot CPU seconds, None or (host CPU ns per MMIO exit, guest
    ns per MMIO exit))."""
    with contextlib.redirect_stdout(io.StringIO()):  # its "running:" line
        m = Machine(qemu, ['-M', 'virt', '-smp', str(smp), '-m', '512M',
                           '-nographic',
                           '-bios', guests.firmware(), '-kernel', guests.kernel(),
                           '-initrd', initrd, '-append',
                           'console=ttyS0 quiet kvmtest.mode=bench'],
                    timeout=TIMEOUT)
    try:
        m.expect(r'init: userspace up')
        boot = cpu_seconds(m.proc.pid)
        if not with_kvm:
            return boot, None
        m.expect(r'KVM-BENCH: start\n')
        cpu0 = cpu_seconds(m.proc.pid)
        got = m.expect(r'KVM-(BENCH|TEST): ([^\n]*)\n')
        cpu = cpu_seconds(m.proc.pid) - cpu0
        ns = re.match(r'(\d+) MMIO exits, (\d+) ns/exit', got.group(2))
        if not ns:
            m.fail('kvm-test bench: ' + got.group(0).strip())
        return boot, (cpu * 1e9 / int(ns.group(1)), int(ns.group(2)))
    finally:
        m.close()


def summary(values, unit, fmt):
    return '%s%s (%s-%s)' % (fmt % statistics.median(values), unit,
                             fmt % min(values), fmt % max(values))


def report(name, what, ours, theirs, unit, fmt):
    print('%s: %s: ours %s, Debian QEMU %s, ratio %.3f (Debian / ours), '
          '%d runs each' % (name, what, summary(ours, unit, fmt),
                            summary(theirs, unit, fmt),
                            statistics.median(theirs) /
                            statistics.median(ours), len(ours)))


def main():
    if len(sys.argv) not in (4, 5):
        print(__doc__)
        return 2
    ours, theirs, program = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) == 5 else 3
    why = guests.missing()
    if why:
        print('SKIP: linux-boot, kvm-mmio: ' + why)
        return 0
    kvm = {q: guests.has_hypervisor(q)[0] for q in (ours, theirs)}
    boots = {(q, smp): [] for q in (ours, theirs) for smp in SMPS}
    exits = {q: [] for q in (ours, theirs)}
    with tempfile.TemporaryDirectory() as d:
        initrd = guests.make_initramfs(program, d)
        for _ in range(runs):
            for smp in SMPS:
                for q in (ours, theirs):
                    boot, ns = one_boot(q, initrd, kvm[q] and smp == SMPS[-1],
                                        smp)
                    boots[(q, smp)].append(boot)
                    if ns is not None:
                        exits[q].append(ns)
    for smp in SMPS:
        report('linux-boot', 'CPU time to userspace, -smp %d' % smp,
               boots[(ours, smp)], boots[(theirs, smp)], 's', '%.2f')
    cpu = {q: [c for c, _ in exits[q]] for q in exits}
    wall = {q: [w for _, w in exits[q]] for q in exits}
    if cpu[ours] and cpu[theirs]:
        report('kvm-mmio', 'CPU time of one MMIO exit through nested KVM',
               cpu[ours], cpu[theirs], ' ns', '%d')
        report('kvm-mmio', "guest's wall time of one exit", wall[ours],
               wall[theirs], ' ns', '%d')
    else:
        print('SKIP: kvm-mmio: no ratio: CPU time per exit: ours %s, '
              'Debian QEMU %s' % tuple(summary(cpu[q], ' ns', '%d') if cpu[q]
                                       else 'has no H extension'
                                       for q in (ours, theirs)))
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main())
    except TestFailure as e:
        print('FAIL: %s' % e)
        sys.exit(1)
