#!/usr/bin/env python3
"""Debian's kernel on four harts, each on its own host thread
(-smp 4 -accel tcg,thread=multi), with / on a virtio disk: boot to a
login, check the kernel brought all four harts online, run a shell loop
on each of them at once (IPIs, remote TLB shootdowns through SBI, code
loaded on one hart and run on another), stop and continue them from the
monitor meanwhile, then power off.

    smp-boot.py QEMU-BINARY

Needs the guest cache (scripts/fetch-guests.sh) and e2fsprogs, else
skips.
"""
import sys

import guests
from console import main


def test(qemu):
    args = ['-smp', '4', '-accel', 'tcg,thread=multi']
    with guests.rootfs_machine(qemu, args, ',snapshot=on') as (m, _):
        m.expect(r'login: ')
        m.send('root\n')
        m.expect(r'# ')
        m.send('echo harts=$(grep -c ^processor /proc/cpuinfo)\n')
        m.expect(r'harts=4')
        # A process per hart, pinned, each forking and exec'ing.
        m.send('for c in 0 1 2 3; do C=$c taskset -c $c sh -c \'i=0; '
               'while [ $i -lt 200 ]; do i=$(($i+1)); '
               'x=$(echo $i); done; echo cpu$C-$i\' & done; wait; '
               'echo all-done\n')
        # The shell has read the whole line (a focus switch would keep
        # the rest from it), then the monitor (Ctrl-A c) stops and
        # resumes all four harts meanwhile.
        m.expect(r'echo all-done')
        m.send('\x01c')
        m.expect(r'\(qemu\) ')
        m.send('stop\ninfo status\n')
        m.expect(r'VM status: paused')
        m.send('cont\ninfo status\n')
        m.expect(r'VM status: running')
        m.send('\x01c')
        done = set()
        while len(done) < 4:  # in whatever order they finish
            done.add(m.expect(r'cpu(\d)-200').group(1))
        m.expect(r'all-done')
        m.expect(r'# ')
        m.send('poweroff\n')
        m.expect(r'reboot: Power down')
        m.proc.wait(timeout=30)
    print('four harts on four threads booted to a login and ran')


if __name__ == '__main__':
    sys.exit(main(test, sys.argv))
