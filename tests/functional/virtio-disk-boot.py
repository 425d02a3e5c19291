#!/usr/bin/env python3
"""Debian's kernel with virtio disks and entropy (one boot, -smp 1):

  - a raw ext4 image, read and written by the guest;
  - a raw image with snapshot=on, written by the guest, unchanged after;
  - a qcow2 image (qemu-img create) on a raw backing file;
  - virtio-rng: /dev/hwrng gives bytes;
  - the modern virtio-mmio layout, with packed virtqueues (virtio 1.2,
    2.8) for the rng and the qcow2 disk;
  - virtio-serial: a virtconsole is the guest's /dev/hvc0, and what the
    guest writes there lands in the chardev's file;
  - virtio-balloon: QMP `balloon` to half the RAM, `query-balloon` until
    the guest has inflated (and a BALLOON_CHANGE event), the guest's
    MemTotal drops by about that much; then back to all of it.

The guest writes a file and random data to each disk, syncs, prints the
data's checksum and "SYNCED"; the emulator is then killed with SIGKILL at
once. What sync acknowledged must be in the images: the host replays the
journal on a copy (e2fsck) and reads the files back (debugfs); the qcow2
image must pass `qemu-img check` (leaked clusters allowed) and its backing
file must be unchanged.

    virtio-disk-boot.py QEMU-BINARY

Skips when the guest cache (scripts/fetch-guests.sh) or e2fsprogs or
qemu-img are missing.
"""
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import guests
from console import Machine, TestFailure, main
from qmp import QMP

sys.path.insert(0, os.path.join(guests.ROOT, 'scripts'))
import mkrootfs  # noqa: E402

BOOT_TIMEOUT = 400
RAM = 512 << 20
MODULES = mkrootfs.MODULES + ['virtio_balloon']
INIT = mkrootfs.INIT_PROLOGUE + r'''echo "init: userspace up"
echo "hwrng: $(dd if=/dev/hwrng bs=16 count=1 2>/dev/null | od -An -tx1 | tr -d ' ')"
echo "hvc0: hello from the guest" > /dev/hvc0 || echo "init: no /dev/hvc0"
for step in before inflated deflated; do
    [ $step = before ] || read line
    echo "meminfo $step: $(sed -n 's/MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)"
done
for d in /dev/vd?; do
    mkdir -p /mnt
    mount -t ext4 $d /mnt || { echo "mount $d failed"; continue; }
    n=$(cat /mnt/name.txt)
    echo "disk $n: $(cat /mnt/hello.txt)"
    echo "written-by-guest-$n" > /mnt/new.txt
    dd if=/dev/urandom of=/mnt/big bs=65536 count=24 2>/dev/null
    echo "disk $n md5 $(md5sum /mnt/big | cut -d' ' -f1)"
    sync
    umount /mnt 2>/dev/null || true
done
sync
echo SYNCED
sleep 1000
'''


def skip(why):
    print('SKIP: ' + why)
    sys.exit(77)


def check(cond, why):
    if not cond:
        raise TestFailure(why)


def run(*cmd, ok=(0,)):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    check(p.returncode in ok, '%s failed (%d): %s%s' % (
        ' '.join(cmd), p.returncode, p.stdout, p.stderr))
    return p.stdout


def make_fs(d, name, size_mb=64):
    src = os.path.join(d, name + '.d')
    os.mkdir(src)
    with open(os.path.join(src, 'name.txt'), 'w') as f:
        f.write(name + '\n')
    with open(os.path.join(src, 'hello.txt'), 'w') as f:
        f.write('hello from the host, ' + name + '\n')
    img = os.path.join(d, name + '.img')
    run('mke2fs', '-q', '-t', 'ext4', '-F', '-d', src, img, '%dM' % size_mb)
    return img


def sha(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def read_back(img, d):
    """new.txt and the md5 of big, after replaying the journal on a copy."""
    copy = os.path.join(d, 'check.img')
    shutil.copyfile(img, copy)
    run('e2fsck', '-fy', copy, ok=(0, 1))
    new = run('debugfs', '-R', 'cat /new.txt', copy).strip()
    big = subprocess.run(['debugfs', '-R', 'cat /big', copy],
                         capture_output=True, timeout=120).stdout
    os.unlink(copy)
    return new, hashlib.md5(big).hexdigest()


def set_balloon(m, q, target):
    """Ask for target bytes; wait until the guest has them."""
    q.cmd('balloon', value=target)
    for _ in range(600):
        if q.cmd('query-balloon')['actual'] == target:
            return
        time.sleep(0.1)
    m.fail('query-balloon: actual %d, asked for %d' % (
        q.cmd('query-balloon')['actual'], target))


def balloon(m, q):
    """Inflate to half the RAM and back; MemTotal follows."""
    before = int(m.expect(r'meminfo before: (\d+)\n').group(1))
    if q.cmd('query-balloon') != {'actual': RAM}:
        m.fail('query-balloon before: %r' % q.cmd('query-balloon'))
    set_balloon(m, q, RAM // 2)
    m.send('\n')
    inflated = int(m.expect(r'meminfo inflated: (\d+)\n').group(1))
    if before - inflated < (RAM // 2 >> 10) * 9 // 10:
        m.fail('MemTotal %d kB -> %d kB after giving up %d MiB' % (
            before, inflated, RAM >> 21))
    if not any(e['event'] == 'BALLOON_CHANGE' for e in q.events):
        # Events may come after the last reply: read one more.
        q.cmd('query-balloon')
    if not any(e['event'] == 'BALLOON_CHANGE' for e in q.events):
        m.fail('no BALLOON_CHANGE event')
    set_balloon(m, q, RAM)
    m.send('\n')
    deflated = int(m.expect(r'meminfo deflated: (\d+)\n').group(1))
    if deflated != before:
        m.fail('MemTotal %d kB after deflating, %d kB before' % (
            deflated, before))
    q.close()
    print('balloon: MemTotal %d -> %d -> %d kB' % (before, inflated,
                                                     deflated))


def test(qemu):
    why = guests.missing()
    if why:
        skip(why)
    for tool in ['mke2fs', 'e2fsck', 'debugfs', 'qemu-img']:
        if not shutil.which(tool):
            skip(tool + ' not found (e2fsprogs, qemu-utils)')
    with tempfile.TemporaryDirectory() as d:
        raw = make_fs(d, 'raw')
        snap = make_fs(d, 'snap')
        base = make_fs(d, 'base')
        top = os.path.join(d, 'top.qcow2')
        run('qemu-img', 'create', '-q', '-f', 'qcow2', '-b', base, '-F', 'raw',
            top)
        snap_sum, base_sum = sha(snap), sha(base)
        initrd = os.path.join(d, 'initrd.cpio')
        hvc = os.path.join(d, 'hvc0.txt')
        qmp_path = os.path.join(d, 'qmp.sock')
        with open(initrd, 'wb') as f:
            f.write(guests.mkinitramfs.build(guests.cache_dir(), None,
                                             MODULES, init=INIT))
        m = Machine(qemu, [
            '-M', 'virt', '-smp', '1', '-m', str(RAM >> 20), '-nographic',
            '-bios', guests.firmware(), '-kernel', guests.kernel(), '-initrd', initrd,
            '-append', 'console=ttyS0 quiet',
            '-global', 'virtio-mmio.force-legacy=false',
            '-device', 'virtio-rng-device,packed=on',
            '-device', 'virtio-serial-device',
            '-chardev', 'file,id=hvc,path=%s' % hvc,
            '-device', 'virtconsole,chardev=hvc',
            '-device', 'virtio-balloon-device',
            '-qmp', 'unix:%s,server=on,wait=off' % qmp_path,
            '-drive', 'file=%s,format=raw,if=none,id=d0' % raw,
            '-device', 'virtio-blk-device,drive=d0',
            '-drive', 'file=%s,format=raw,if=none,id=d1,snapshot=on' % snap,
            '-device', 'virtio-blk-device,drive=d1',
            '-drive', 'file=%s,format=qcow2,if=none,id=d2' % top,
            '-device', 'virtio-blk-device,drive=d2,packed=on'],
            timeout=BOOT_TIMEOUT)
        try:
            m.expect(r'init: userspace up')
            rng = m.expect(r'hwrng: ([0-9a-f]*)\n').group(1)
            if len(rng) != 32 or len(set(rng)) < 4:
                m.fail('/dev/hwrng gave %r' % rng)
            balloon(m, QMP(qmp_path))
            sums = {}
            for _ in range(3):
                g = m.expect(r'disk (\w+): hello from the host, (\w+)\n')
                if g.group(1) != g.group(2):
                    m.fail('disk %s has %s' % (g.group(1), g.group(2)))
                s = m.expect(r'disk (\w+) md5 ([0-9a-f]{32})')
                sums[s.group(1)] = s.group(2)
            m.expect(r'SYNCED')
            with open(hvc) as f:
                text = f.read()
            if 'hvc0: hello from the guest' not in text:
                m.fail('the virtconsole chardev got %r' % text)
            m.proc.kill()  # SIGKILL right after the guest's sync returned
            m.proc.wait()
        finally:
            m.close()
        new, md5 = read_back(raw, d)
        check(new == 'written-by-guest-raw', 'raw image: new.txt is %r' % new)
        check(md5 == sums['raw'], 'raw image: big has md5 %s, the guest '
              'wrote %s' % (md5, sums['raw']))
        check(sha(snap) == snap_sum, 'snapshot=on: the image changed')
        check(sha(base) == base_sum, 'the qcow2 backing file changed')
        out = run('qemu-img', 'check', top, ok=(0, 3))
        print(out.strip())
        flat = os.path.join(d, 'top.raw')
        run('qemu-img', 'convert', '-f', 'qcow2', '-O', 'raw', top, flat)
        new, md5 = read_back(flat, d)
        check(new == 'written-by-guest-base', 'qcow2: new.txt is %r' % new)
        check(md5 == sums['base'], 'qcow2: big has md5 %s, the guest wrote '
              '%s' % (md5, sums['base']))
        print('raw, snapshot=on and qcow2+backing disks: data intact after '
              'SIGKILL; hwrng ' + rng + '; hvc0 reached the chardev')


if __name__ == '__main__':
    sys.exit(main(test, sys.argv))
