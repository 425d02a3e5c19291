#!/usr/bin/env python3
"""The main job: Debian's kernel with its root filesystem on a virtio disk
(scripts/mkrootfs.py: an ext4 image of busybox-static, an initramfs that
loads the virtio and ext4 modules and switches root to /dev/vda), to a
login prompt on the serial console; log in, check / is the virtio disk,
write a file, power off; the host finds the file in the image.

    rootfs-boot.py QEMU-BINARY

Skips when the guest cache (scripts/fetch-guests.sh) or e2fsprogs are
missing.
"""
import subprocess
import sys

import guests
from console import TestFailure, main


def test(qemu):
    with guests.rootfs_machine(qemu, ['-smp', '1']) as (m, img):
        m.expect(r'rootfs: up on /dev/vda')
        m.expect(r'login: ')
        m.send('root\n')
        m.expect(r'# ')
        m.send('grep " / " /proc/mounts; echo from-the-guest > /root/f; '
               'sync; poweroff\n')
        m.expect(r'/dev/vda / ext4 rw')
        m.expect(r'reboot: Power down')
        m.proc.wait(timeout=30)
        out = subprocess.run(['debugfs', '-R', 'cat /root/f', img],
                             capture_output=True, text=True, timeout=60)
    if out.stdout.strip() != 'from-the-guest':
        raise TestFailure('the file the guest wrote is not in the image: '
                          '%r' % out.stdout)
    print('booted from the virtio disk to a login; the write persisted')


if __name__ == '__main__':
    sys.exit(main(test, sys.argv))
