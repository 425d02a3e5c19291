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
import os
import shutil
import subprocess
import sys
import tempfile

import guests
from console import Machine, TestFailure, main

sys.path.insert(0, os.path.join(guests.ROOT, 'scripts'))
import mkrootfs  # noqa: E402

BOOT_TIMEOUT = 400


def skip(why):
    print('SKIP: ' + why)
    sys.exit(77)


def test(qemu):
    why = guests.missing()
    if why:
        skip(why)
    for tool in ['mke2fs', 'debugfs']:
        if not shutil.which(tool):
            skip(tool + ' not found (e2fsprogs)')
    with tempfile.TemporaryDirectory() as d:
        mkrootfs.build(guests.cache_dir(), d)
        img = os.path.join(d, 'rootfs.img')
        m = Machine(qemu, guests.rootfs_boot_args(d), timeout=BOOT_TIMEOUT)
        try:
            m.expect(r'rootfs: up on /dev/vda')
            m.expect(r'login: ')
            m.send('root\n')
            m.expect(r'# ')
            m.send('grep " / " /proc/mounts; echo from-the-guest > /root/f; '
                   'sync; poweroff\n')
            m.expect(r'/dev/vda / ext4 rw')
            m.expect(r'reboot: Power down')
            m.proc.wait(timeout=30)
        finally:
            m.close()
        out = subprocess.run(['debugfs', '-R', 'cat /root/f', img],
                             capture_output=True, text=True, timeout=60)
        if out.stdout.strip() != 'from-the-guest':
            raise TestFailure('the file the guest wrote is not in the image: '
                              '%r' % out.stdout)
        print('booted from the virtio disk to a login; the write persisted')


if __name__ == '__main__':
    sys.exit(main(test, sys.argv))
