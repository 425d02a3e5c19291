#!/usr/bin/env python3
"""Debian's kernel on the virtio root disk (scripts/mkrootfs.py) with a
virtio-net-device on -netdev user: the guest gets its address from slirp's
DHCP (busybox udhcpc), fetches a file over HTTP from a server this test
runs on the host's 127.0.0.1 (the guest sees it as 10.0.2.2), and a
hostfwd rule carries the host's connections to busybox httpd in the
guest. The monitor behind the console (-nographic, Ctrl-A c) answers
meanwhile: slirp's polling once kept the mux from finishing its start-up.
Only loopback addresses and slirp's private network: no DNS, no outside
address; every wait is bounded.

    network-boot.py QEMU-BINARY

Skips when the guest cache (scripts/fetch-guests.sh) or e2fsprogs are
missing.
"""
import functools
import hashlib
import http.server
import os
import shutil
import socket
import sys
import tempfile
import threading
import time
import urllib.request

import guests
from console import Machine, TestFailure, main

sys.path.insert(0, os.path.join(guests.ROOT, 'scripts'))
import mkrootfs  # noqa: E402

BOOT_TIMEOUT = 400
GUEST_PORT = 8080


def skip(why):
    print('SKIP: ' + why)
    sys.exit(77)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    """An HTTP server on 127.0.0.1, a free port, in a thread."""
    handler = functools.partial(QuietHandler, directory=directory)
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def fetch_forwarded(port, want, tries=30):
    """GET the guest's file through hostfwd until it answers (its httpd
    may not be up yet); bounded."""
    last = None
    for _ in range(tries):
        try:
            url = 'http://127.0.0.1:%d/hello.txt' % port
            with urllib.request.urlopen(url, timeout=10) as r:
                body = r.read().decode()
            if body == want:
                return
            last = 'got %r' % body
        except OSError as e:
            last = str(e)
        time.sleep(1)
    raise TestFailure('hostfwd: no %r from the guest (%s)' % (want, last))


def test(qemu):
    why = guests.missing()
    if why:
        skip(why)
    if not shutil.which('mke2fs'):
        skip('mke2fs not found (e2fsprogs)')
    with tempfile.TemporaryDirectory() as d:
        www = os.path.join(d, 'www')
        os.mkdir(www)
        data = os.urandom(192 * 1024)
        with open(os.path.join(www, 'blob'), 'wb') as f:
            f.write(data)
        server = serve(www)
        mkrootfs.build(guests.cache_dir(), d)
        hostfwd = free_port()
        m = Machine(qemu, guests.rootfs_boot_args(d) + [
            '-netdev', 'user,id=n0,hostfwd=tcp:127.0.0.1:%d-:%d'
            % (hostfwd, GUEST_PORT),
            '-device', 'virtio-net-device,netdev=n0'], timeout=BOOT_TIMEOUT)
        try:
            m.expect(r'rootfs: eth0 is 10\.0\.2\.15 via 10\.0\.2\.2')
            m.expect(r'login: ')
            m.send('root\n')
            m.expect(r'# ')
            m.send('wget -q -O - http://10.0.2.2:%d/blob | md5sum\n'
                   % server.server_address[1])
            got = m.expect(r'([0-9a-f]{32})  -', timeout=180).group(1)
            if got != hashlib.md5(data).hexdigest():
                raise TestFailure('the guest read a different file over '
                                  'HTTP (md5 %s)' % got)
            m.expect(r'# ')
            m.send('mkdir -p /www && echo hello-from-the-guest > '
                   '/www/hello.txt && httpd -p %d -h /www && echo httpd-up\n'
                   % GUEST_PORT)
            m.expect(r'httpd-up')
            fetch_forwarded(hostfwd, 'hello-from-the-guest\n')
            m.send('\x01c')
            m.expect(r'\(qemu\) ')
            m.send('info network\n')
            m.expect(r'n0: index=\d+,type=user,net=10\.0\.2\.0')
            m.send('\x01c\n')
            m.expect(r'# ')
            m.send('poweroff\n')
            m.expect(r'reboot: Power down', timeout=60)
            m.proc.wait(timeout=30)
        finally:
            m.close()
            server.shutdown()
        print('DHCP, an HTTP download from the host, a hostfwd to the '
              'guest and the monitor all worked')


if __name__ == '__main__':
    sys.exit(main(test, sys.argv))
