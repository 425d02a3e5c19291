#!/usr/bin/env python3
"""Disk benchmarks with Debian's riscv64 kernel, ours against Debian's QEMU
in the same run, RUNS boots each, interleaved. The guest is `make run`'s
(scripts/mkrootfs.py: / on a raw virtio disk) with a second, scratch raw
disk (/dev/vdb, 128 MiB, cache=writeback) for bench/guest/diskbench.c:

  rootfs-login  host CPU time (user + system) of the emulator from its
                start to the login prompt, booting from the virtio disk
  seq-write     MiB/s, 1 MiB O_DIRECT writes over 64 MiB, pass after pass
                for 5 s, then fdatasync (guest clock)
  seq-read      MiB/s, 1 MiB O_DIRECT reads, the same way
  rand-read     IOPS, 4 KiB O_DIRECT reads at random offsets, for 5 s
  rand-write    IOPS, 4 KiB O_DIRECT writes at random offsets, for 5 s

and for each of the four phases the emulator's host CPU time (all its
threads, user + system) per unit of work: ms per MiB, us per operation.
The guest-clock rates move with the host's load (a busy host stretches
the guest's waits); CPU per unit of work moves much less.

    disk.py OURS THEIRS DISKBENCH-PROGRAM [RUNS]

Prints the median and spread (min-max) of each side and the ratio of the
medians (> 1: we are faster, or cheaper).
"""
import contextlib
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'functional'))
sys.path.insert(0, os.path.join(HERE, '..', 'scripts'))
import guests  # noqa: E402
import mkrootfs  # noqa: E402
from console import Machine, TestFailure  # noqa: E402
from linux import cpu_seconds, summary  # noqa: E402

TIMEOUT = 900
FIGURES = ['seq-write', 'seq-read', 'rand-read', 'rand-write']


def one_boot(qemu, d):
    img, scratch = os.path.join(d, 'rootfs.img'), os.path.join(d, 'scratch')
    with contextlib.redirect_stdout(io.StringIO()):
        m = Machine(qemu, [
            '-M', 'virt', '-smp', '1', '-m', '512M', '-nographic',
            '-bios', guests.firmware(), '-kernel', guests.kernel(),
            '-initrd', os.path.join(d, 'rootfs.cpio'),
            '-drive', 'file=%s,format=raw,if=none,id=hd0,snapshot=on' % img,
            '-device', 'virtio-blk-device,drive=hd0',
            '-drive', 'file=%s,format=raw,if=none,id=hd1' % scratch,
            '-device', 'virtio-blk-device,drive=hd1',
            '-append', 'console=ttyS0 root=/dev/vda quiet'], timeout=TIMEOUT)
    try:
        m.expect(r'login: ')
        got = {'rootfs-login': cpu_seconds(m.proc.pid)}
        m.send('root\n')
        m.expect(r'# ')
        # The root disk is the first -device: the highest transport, vda.
        m.send('/bin/diskbench /dev/vdb 64 5; poweroff\n')
        cpu = cpu_seconds(m.proc.pid)
        for f in FIGURES:
            # The work done ends the line: a partial read must not match.
            v = m.expect(r'DISKBENCH: %s ([0-9.]+) \S+ ([0-9]+) (MiB|ops)'
                         % f)
            now = cpu_seconds(m.proc.pid)
            got[f] = float(v.group(1))
            # ms per MiB, or us per operation
            scale = 1e3 if v.group(3) == 'MiB' else 1e6
            got[f + '-cpu'] = (now - cpu) * scale / max(int(v.group(2)), 1)
            cpu = now
        m.expect(r'DISKBENCH: done')
        return got
    finally:
        m.close()


def main():
    if len(sys.argv) not in (4, 5):
        print(__doc__)
        return 2
    ours, theirs, program = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) == 5 else 3
    why = guests.missing()
    if why:
        print('SKIP: disk: ' + why)
        return 0
    res = {q: {} for q in (ours, theirs)}
    with tempfile.TemporaryDirectory() as d:
        mkrootfs.build(guests.cache_dir(), d, {'bin/diskbench': program})
        subprocess.run(['truncate', '-s', '128M', os.path.join(d, 'scratch')],
                       check=True)
        for _ in range(runs):
            for q in (ours, theirs):
                for k, v in one_boot(q, d).items():
                    res[q].setdefault(k, []).append(v)
    o, t = res[ours]['rootfs-login'], res[theirs]['rootfs-login']
    print('rootfs-login: CPU time to the login prompt from the virtio disk: '
          'ours %s, Debian QEMU %s, ratio %.3f (Debian / ours), %d runs each'
          % (summary(o, 's', '%.2f'), summary(t, 's', '%.2f'),
             statistics.median(t) / statistics.median(o), runs))
    for f in FIGURES:
        o, t = res[ours][f], res[theirs][f]
        unit = ' MiB/s' if f.startswith('seq') else ' IOPS'
        print('%s: in the guest: ours %s, Debian QEMU %s, ratio %.3f '
              '(ours / Debian), %d runs each'
              % (f, summary(o, unit, '%.1f'), summary(t, unit, '%.1f'),
                 statistics.median(o) / statistics.median(t), runs))
        o, t = res[ours][f + '-cpu'], res[theirs][f + '-cpu']
        unit = ' ms/MiB' if f.startswith('seq') else ' us/op'
        print('%s: host CPU per unit of work: ours %s, Debian QEMU %s, '
              'ratio %.3f (Debian / ours), %d runs each'
              % (f, summary(o, unit, '%.2f'), summary(t, unit, '%.2f'),
                 statistics.median(t) / statistics.median(o), runs))
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main())
    except TestFailure as e:
        print('FAIL: %s' % e)
        sys.exit(1)
