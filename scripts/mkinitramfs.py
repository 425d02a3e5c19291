#!/usr/bin/env python3
"""Builds the initramfs for Debian's riscv64 kernel (see fetch-guests.sh):
a cpio "newc" archive, written here without root (device nodes are just
headers), holding busybox, the kvm module and what it depends on, our KVM
test program and a small /init.

    mkinitramfs.py --cache DIR --program kvm-test -o initramfs.cpio

/init mounts /proc, /sys and /dev, loads the modules, prints the kernel's
kvm lines, then by the kernel command line's kvmtest.mode=:
  check   runs /bin/kvm-test and powers off
  bench   runs /bin/kvm-test bench and powers off
  (none)  a busybox shell on the console
The modules stay as the package ships them (.ko.xz): the kernel
decompresses them itself (CONFIG_MODULE_DECOMPRESS).
"""
import argparse
import lzma
import gzip
import os
import re
import sys

INIT = r'''#!/bin/sh
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s /bin
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo "init: userspace up, $(cut -d' ' -f1 /proc/uptime)s after kernel start"
for m in $(cat /lib/modules/load); do
    insmod /lib/modules/$m || echo "init: insmod $m failed"
done
dmesg | grep 'kvm \['
mode=$(sed -n 's/.*kvmtest\.mode=\([a-z]*\).*/\1/p' /proc/cmdline)
case "$mode" in
check) /bin/kvm-test; poweroff -f ;;
bench) /bin/kvm-test bench 10000; poweroff -f ;;
esac
echo "init: busybox shell (poweroff -f to quit)"
exec setsid cttyhack sh
'''


class Cpio:
    """A cpio newc writer: 110-byte ASCII headers, 4-byte alignment."""

    def __init__(self):
        self.out = bytearray()
        self.ino = 1

    def _entry(self, name, mode, data=b'', rdev=(0, 0)):
        name_b = name.encode() + b'\0'
        fields = [self.ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0],
                  rdev[1], len(name_b), 0]
        self.ino += 1
        self.out += b'070701' + b''.join(b'%08X' % f for f in fields)
        self.out += name_b
        self._pad()
        self.out += data
        self._pad()

    def _pad(self):
        self.out += b'\0' * (-len(self.out) % 4)

    def dir(self, name):
        self._entry(name, 0o040755)

    def file(self, name, data, mode=0o644):
        self._entry(name, 0o100000 | mode, data)

    def symlink(self, name, target):
        self._entry(name, 0o120777, target.encode())

    def chardev(self, name, major, minor):
        self._entry(name, 0o020600, rdev=(major, minor))

    def finish(self):
        self.ino = 0
        self._entry('TRAILER!!!', 0)
        return bytes(self.out)


def read_module(path):
    """The module's ELF, decompressed, to read its .modinfo."""
    if path.endswith('.xz'):
        return lzma.open(path).read()
    if path.endswith('.gz'):
        return gzip.open(path).read()
    with open(path, 'rb') as f:
        return f.read()


def find_module(moddir, name):
    """The package has no modules.dep (depmod makes it at install time), so
    walk the tree; module names treat '-' and '_' alike."""
    want = name.replace('-', '_')
    for root, _, files in os.walk(os.path.join(moddir, 'kernel')):
        for f in files:
            base = re.sub(r'\.ko(\.xz|\.gz|\.zst)?$', '', f)
            if base != f and base.replace('-', '_') == want:
                return os.path.join(root, f)
    sys.exit('mkinitramfs: module %s not found under %s' % (name, moddir))


def modules_in_load_order(moddir, name, seen=None):
    """name and, before it, what its .modinfo 'depends=' names."""
    seen = set() if seen is None else seen
    if name in seen:
        return []
    seen.add(name)
    path = find_module(moddir, name)
    m = re.search(rb'(?:^|\0)depends=([^\0]*)', read_module(path))
    deps = [d for d in (m.group(1).decode().split(',') if m else []) if d]
    order = []
    for d in deps:
        order += modules_in_load_order(moddir, d, seen)
    return order + [path]


def build(cache, program, modules, init=None):
    """The archive's bytes; program (may be None) becomes /bin/kvm-test,
    init (default: the KVM test's) /init."""
    cpio = Cpio()
    for d in ['bin', 'dev', 'proc', 'sys', 'lib', 'lib/modules']:
        cpio.dir(d)
    cpio.chardev('dev/console', 5, 1)
    with open(os.path.join(cache, 'busybox'), 'rb') as f:
        cpio.file('bin/busybox', f.read(), 0o755)
    cpio.symlink('bin/sh', 'busybox')
    if program:
        with open(program, 'rb') as f:
            cpio.file('bin/kvm-test', f.read(), 0o755)
    moddir = os.path.realpath(os.path.join(cache, 'modules'))
    load = []
    for name in modules:
        for path in modules_in_load_order(moddir, name):
            base = os.path.basename(path)
            if base not in load:
                with open(path, 'rb') as f:
                    cpio.file('lib/modules/' + base, f.read())
                load.append(base)
    cpio.file('lib/modules/load', ('\n'.join(load) + '\n').encode())
    cpio.file('init', (init or INIT).encode(), 0o755)
    return cpio.finish()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--cache', required=True,
                    help='the directory scripts/fetch-guests.sh filled')
    ap.add_argument('--program', required=True,
                    help='the static riscv64 KVM test program')
    ap.add_argument('--module', action='append', default=None,
                    help='a kernel module to load (default: kvm)')
    ap.add_argument('-o', '--output', required=True)
    args = ap.parse_args()
    data = build(args.cache, args.program, args.module or ['kvm'])
    with open(args.output, 'wb') as f:
        f.write(data)


if __name__ == '__main__':
    main()
