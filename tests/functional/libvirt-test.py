#!/usr/bin/env python3
"""libvirt drives our binary: a private libvirtd (session mode, as an
unprivileged user in a user namespace, all state under a temporary
directory) probes it with `virsh domcapabilities`, then defines and starts
a riscv64 `virt` domain booting Debian's kernel with a busybox initramfs,
a virtio disk, a virtio balloon and a virtio NIC on user networking (on
virtio-mmio; the guest gets a DHCP lease from slirp),
reads its console through `virsh console`, and runs domstate, suspend,
resume, qemu-monitor-command, reset, shutdown, destroy and undefine.

`virsh shutdown` sends system_powerdown; on `virt` (as on QEMU 7.2's)
nothing in the guest is wired to a power button, so the guest then powers
itself off from its console and libvirt must see the domain shut off.

    libvirt-test.py QEMU-BINARY

Skips (exit 77) without virsh/libvirtd, user namespaces, script(1) or the
guest cache (scripts/fetch-guests.sh).
"""
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

import guests
from console import TestFailure

sys.path.insert(0, os.path.join(guests.ROOT, 'scripts'))
import mkinitramfs  # noqa: E402

INIT = r'''#!/bin/sh
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s /bin
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in $(cat /lib/modules/load); do insmod /lib/modules/$m; done
printf '#!/bin/sh\n[ "$1" = bound ] && echo "lease: $ip via $router"\n' \
    > /bin/dhcp-hook
chmod +x /bin/dhcp-hook
echo "init: libvirt guest up"
exec setsid cttyhack sh
'''

DOMAIN = '''<domain type='qemu'>
  <name>rv</name>
  <memory unit='MiB'>256</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='riscv64' machine='virt'>hvm</type>
    <kernel>{dir}/Image</kernel>
    <initrd>{dir}/initramfs.cpio</initrd>
    <cmdline>console=ttyS0 quiet</cmdline>
  </os>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <emulator>{qemu}</emulator>
    <serial type='pty'/>
    <console type='pty'/>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw'/>
      <source file='{dir}/disk.img'/>
      <target dev='vda' bus='virtio'/>
      <address type='virtio-mmio'/>
    </disk>
    <interface type='user'>
      <mac address='52:54:00:12:34:56'/>
      <model type='virtio'/>
      <address type='virtio-mmio'/>
    </interface>
    <memballoon model='virtio'>
      <address type='virtio-mmio'/>
    </memballoon>
  </devices>
</domain>
'''


def skip(why):
    print('SKIP: ' + why)
    sys.exit(77)


def check(cond, why):
    if not cond:
        raise TestFailure(why)


class Virsh:
    def __init__(self, env):
        self.env = env

    def run(self, *args, ok=True, timeout=120):
        cmd = ['virsh', '-c', 'qemu:///session'] + list(args)
        p = subprocess.run(cmd, capture_output=True, text=True, env=self.env,
                           timeout=timeout)
        print('$ %s -> %d\n%s%s' % (' '.join(cmd[3:]), p.returncode,
                                    p.stdout[:2000], p.stderr), flush=True)
        if ok:
            check(p.returncode == 0, 'virsh %s failed' % args[0])
        return p

    def state(self):
        return self.run('domstate', 'rv').stdout.strip()

    def wait_state(self, want, timeout=60):
        limit = time.monotonic() + timeout
        while time.monotonic() < limit:
            if self.state() == want:
                return
            time.sleep(1)
        raise TestFailure('domain never reached state %r' % want)


class Console:
    """`virsh console` under script(1), which gives it the tty it wants."""

    def __init__(self, env):
        self.proc = subprocess.Popen(
            ['script', '-qfec', 'virsh -c qemu:///session console rv --force',
             '/dev/null'],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, env=env)
        os.set_blocking(self.proc.stdout.fileno(), False)
        self.buf = ''

    def expect(self, pattern, timeout=120):
        limit = time.monotonic() + timeout
        rx = re.compile(pattern)
        while True:
            m = rx.search(self.buf)
            if m:
                self.buf = self.buf[m.end():]
                return m
            left = limit - time.monotonic()
            if left <= 0:
                raise TestFailure('console: timed out waiting for %r; got '
                                  '...%r' % (pattern, self.buf[-800:]))
            r, _, _ = select.select([self.proc.stdout], [], [], min(left, 1))
            if r:
                data = self.proc.stdout.read()
                if data:
                    text = data.decode('utf-8', 'replace').replace('\r', '')
                    sys.stdout.write(text)
                    self.buf += text

    def send(self, text):
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def close(self):
        self.proc.kill()
        self.proc.wait()


def inner(qemu, d):
    """Runs as the namespace's unprivileged user."""
    env = dict(os.environ, HOME=d + '/home', XDG_RUNTIME_DIR=d + '/run',
               XDG_CONFIG_HOME=d + '/config', XDG_CACHE_HOME=d + '/cache',
               XDG_DATA_HOME=d + '/data', LC_ALL='C')
    for k in ['HOME', 'XDG_RUNTIME_DIR', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME',
              'XDG_DATA_HOME']:
        os.makedirs(env[k], mode=0o700, exist_ok=True)
    os.makedirs(d + '/config/libvirt', exist_ok=True)
    with open(d + '/config/libvirt/libvirtd.conf', 'w') as f:
        f.write('log_filters="1:qemu 3:*"\n'
                'log_outputs="1:file:%s/libvirtd.log"\n' % d)
    v = Virsh(env)
    try:
        caps = v.run('domcapabilities', '--emulatorbin', qemu, '--arch',
                     'riscv64', '--machine', 'virt').stdout
        check('<machine>virt</machine>' in caps, 'domcapabilities: no virt')
        with open(d + '/dom.xml', 'w') as f:
            f.write(DOMAIN.format(dir=d, qemu=qemu))
        v.run('define', d + '/dom.xml')
        v.run('start', 'rv')
        check(v.state() == 'running', 'not running after start')
        con = Console(env)
        con.expect(r'init: libvirt guest up')
        con.send('echo hello-$((6*7))\n')
        con.expect(r'hello-42')

        # virtio-net on user networking: slirp's DHCP server answers.
        out = v.run('domiflist', 'rv').stdout
        check('52:54:00:12:34:56' in out and 'virtio' in out,
              'domiflist: ' + out)
        con.send('ifconfig eth0 up && '
                 'udhcpc -i eth0 -q -n -t 5 -T 2 -s /bin/dhcp-hook\n')
        con.expect(r'lease: 10\.0\.2\.15 via 10\.0\.2\.2')
        out = v.run('qemu-monitor-command', 'rv', '--hmp',
                    'info network').stdout
        check('52:54:00:12:34:56' in out, 'info network: ' + out)

        out = v.run('qemu-monitor-command', 'rv',
                    '{"execute":"query-status"}').stdout
        check('"running"' in out, 'query-status through libvirt: ' + out)
        # The virtio disk went in through -blockdev (JSON) and -device.
        out = v.run('domblklist', 'rv').stdout
        check('vda' in out and 'disk.img' in out, 'domblklist: ' + out)
        out = v.run('qemu-monitor-command', 'rv',
                    '{"execute":"query-named-block-nodes"}').stdout
        check('disk.img' in out, 'query-named-block-nodes: ' + out)
        # The balloon: libvirt's setmem is QMP balloon.
        v.run('setmem', 'rv', '196608', '--live')
        out = v.run('qemu-monitor-command', 'rv',
                    '{"execute":"query-balloon"}').stdout
        check('"actual"' in out, 'query-balloon: ' + out)
        v.run('suspend', 'rv')
        check(v.state() == 'paused', 'not paused after suspend')
        v.run('resume', 'rv')
        check(v.state() == 'running', 'not running after resume')
        con.send('echo resumed-$((1+1))\n')
        con.expect(r'resumed-2')

        v.run('reset', 'rv')
        con.expect(r'init: libvirt guest up')

        v.run('shutdown', 'rv')
        time.sleep(1)
        con.send('poweroff -f\n')
        v.wait_state('shut off')
        con.close()

        v.run('start', 'rv')
        v.run('destroy', 'rv')
        check(v.state() == 'shut off', 'not shut off after destroy')
        v.run('undefine', 'rv')
    finally:
        pidfile = d + '/run/libvirt/libvirtd.pid'
        if os.path.exists(pidfile):
            with open(pidfile) as f:
                try:
                    os.kill(int(f.read().strip()), 15)
                except (ValueError, ProcessLookupError):
                    pass
    with open(d + '/libvirtd.log') as f:
        log = f.read()
    check('Failed to probe capabilities' not in log,
          'libvirt could not probe the binary (see libvirtd.log)')


def main():
    if len(sys.argv) == 4 and sys.argv[1] == '--inner':
        try:
            inner(sys.argv[2], sys.argv[3])
        except TestFailure as e:
            print('FAIL: %s' % e)
            sys.exit(1)
        return
    qemu = os.path.abspath(sys.argv[1])
    for tool in ['virsh', 'libvirtd', 'unshare', 'script']:
        if not shutil.which(tool) and not os.path.exists('/usr/sbin/' + tool):
            skip('%s not found (scripts/install-deps.sh installs libvirt)'
                 % tool)
    if subprocess.run(['unshare', '--user', 'true']).returncode:
        skip('user namespaces are not available (libvirtd runs unprivileged '
             'in one)')
    why = guests.missing()
    if why:
        skip(why)
    d = tempfile.mkdtemp(prefix='libvirt-test-')
    try:
        os.chmod(d, 0o777)
        shutil.copy(guests.kernel(), d + '/Image')
        with open(d + '/initramfs.cpio', 'wb') as f:
            f.write(mkinitramfs.build(guests.cache_dir(), None,
                                        ['virtio_mmio', 'virtio_net'], INIT))
        with open(d + '/disk.img', 'wb') as f:
            f.truncate(8 << 20)
        for f in ['Image', 'initramfs.cpio', 'disk.img']:
            os.chmod(os.path.join(d, f), 0o666)
        env = dict(os.environ, PATH=os.environ.get('PATH', '') + ':/usr/sbin')
        p = subprocess.run(['unshare', '--user', sys.executable,
                            os.path.abspath(__file__), '--inner', qemu, d],
                           env=env, timeout=900)
        if p.returncode:
            log = d + '/libvirtd.log'
            if os.path.exists(log):
                with open(log) as f:
                    print('--- libvirtd.log (tail) ---\n' + f.read()[-6000:])
            sys.exit(1)
        print('libvirt: probe, define, start, console, suspend, resume, '
              'reset, shutdown, destroy, undefine all worked')
    finally:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == '__main__':
    main()
