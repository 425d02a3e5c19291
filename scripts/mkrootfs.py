#!/usr/bin/env python3
"""Builds a bootable Debian-kernel disk into the guest cache (see
fetch-guests.sh), without root:

  rootfs.img     a raw ext4 image (mke2fs -d) of busybox-static with an
                 init that mounts /proc, /sys, /dev, brings eth0 up with
                 DHCP (busybox udhcpc) if there is a NIC, and starts a
                 login on the serial console (user root, no password)
  rootfs.cpio    a small initramfs: the virtio-mmio, virtio-blk, virtio-rng,
                 virtio-net and ext4 modules, then switch_root to /dev/vda

    mkrootfs.py --cache DIR     (re)build both; prints the cache dir

`make run` boots them: -kernel Image -initrd rootfs.cpio -drive
file=rootfs.img,format=raw,if=virtio -append "root=/dev/vda ...".
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mkinitramfs  # noqa: E402

MODULES = ['virtio_mmio', 'virtio_blk', 'virtio-rng', 'virtio_net', 'ext4',
           'crc32c_generic']

# The start of an initramfs /init: /proc, /sys, /dev, the modules.
INIT_PROLOGUE = r'''#!/bin/sh
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s /bin
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in $(cat /lib/modules/load); do
    insmod /lib/modules/$m || echo "init: insmod $m failed"
done
'''

# The initramfs: modules, then the disk becomes /.
INITRAMFS_INIT = INIT_PROLOGUE + r'''root=$(sed -n 's/.*root=\([^ ]*\).*/\1/p' /proc/cmdline)
mkdir -p /newroot
mount -t ext4 -o rw ${root:-/dev/vda} /newroot || exec sh
umount /proc /sys
mount --move /dev /newroot/dev
exec switch_root /newroot /sbin/init
'''

INITTAB = '''::sysinit:/etc/init.d/rcS
ttyS0::respawn:/sbin/getty -L 115200 ttyS0 vt100
::ctrlaltdel:/sbin/reboot
::shutdown:/bin/umount -a -r
'''

RCS = '''#!/bin/sh
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts && mount -t devpts devpts /dev/pts
hostname debian-riscv64
echo "rootfs: up on $(sed -n 's/.*root=\\([^ ]*\\).*/\\1/p' /proc/cmdline)"
ifconfig lo 127.0.0.1 up
if [ -e /sys/class/net/eth0 ]; then
    udhcpc -i eth0 -s /etc/udhcpc.script -q -n -t 5 -T 2 2>/dev/null ||
        echo "rootfs: no DHCP lease on eth0"
fi
'''

# udhcpc's hook: configure the address and default route it was offered.
UDHCPC_SCRIPT = '''#!/bin/sh
case "$1" in
deconfig)
    ifconfig "$interface" 0.0.0.0 up ;;
bound|renew)
    ifconfig "$interface" "$ip" netmask "${subnet:-255.255.255.0}" up
    for r in $router; do
        route add default gw "$r" dev "$interface" 2>/dev/null
        break
    done
    echo "rootfs: $interface is $ip via $router" ;;
esac
'''


def write(path, text, mode=0o644):
    with open(path, 'w') as f:
        f.write(text)
    os.chmod(path, mode)


def stage(cache, d):
    for sub in ['bin', 'sbin', 'usr/bin', 'usr/sbin', 'etc/init.d', 'proc',
                'sys', 'dev', 'tmp', 'root', 'mnt', 'var', 'run']:
        os.makedirs(os.path.join(d, sub), exist_ok=True)
    shutil.copy(os.path.join(cache, 'busybox'), os.path.join(d, 'bin/busybox'))
    os.chmod(os.path.join(d, 'bin/busybox'), 0o755)
    for link, target in [('bin/sh', 'busybox'), ('sbin/init', '../bin/busybox'),
                         ('sbin/getty', '../bin/busybox'),
                         ('bin/login', 'busybox'), ('bin/mount', 'busybox'),
                         ('bin/umount', 'busybox'),
                         ('bin/mountpoint', 'busybox'),
                         ('bin/hostname', 'busybox'), ('bin/sed', 'busybox'),
                         ('bin/mkdir', 'busybox'),
                         ('sbin/reboot', '../bin/busybox'),
                         ('sbin/poweroff', '../bin/busybox')]:
        os.symlink(target, os.path.join(d, link))
    write(os.path.join(d, 'etc/inittab'), INITTAB)
    write(os.path.join(d, 'etc/init.d/rcS'), RCS, 0o755)
    write(os.path.join(d, 'etc/udhcpc.script'), UDHCPC_SCRIPT, 0o755)
    write(os.path.join(d, 'etc/passwd'), 'root::0:0:root:/root:/bin/sh\n')
    write(os.path.join(d, 'etc/group'), 'root:x:0:\n')
    write(os.path.join(d, 'etc/shadow'), 'root::19000:0:99999:7:::\n', 0o600)
    write(os.path.join(d, 'etc/hostname'), 'debian-riscv64\n')


def build(cache, out=None, extra=None):
    """Writes rootfs.img and rootfs.cpio into out (default: cache); extra
    maps paths in the image to host files to copy there."""
    out = out or cache
    with tempfile.TemporaryDirectory() as d:
        root = os.path.join(d, 'root')
        stage(cache, root)
        for dest, src in (extra or {}).items():
            shutil.copy(src, os.path.join(root, dest))
        img = os.path.join(out, 'rootfs.img')
        tmp = img + '.tmp'
        subprocess.run(['mke2fs', '-q', '-t', 'ext4', '-F', '-L', 'rootfs',
                        '-E', 'root_owner=0:0', '-d', root, tmp, '256M'],
                       check=True, stdout=subprocess.DEVNULL)
        os.replace(tmp, img)
    with open(os.path.join(out, 'rootfs.cpio'), 'wb') as f:
        f.write(mkinitramfs.build(cache, None, MODULES, init=INITRAMFS_INIT))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--cache', required=True,
                    help='the directory scripts/fetch-guests.sh filled')
    args = ap.parse_args()
    if not shutil.which('mke2fs'):
        sys.exit('mkrootfs: mke2fs not found (package e2fsprogs)')
    build(args.cache)
    print(args.cache)


if __name__ == '__main__':
    main()
