#!/usr/bin/env python3
"""Network transmit benchmark with Debian's riscv64 kernel, ours against
Debian's QEMU in the same run, RUNS boots each, interleaved. The guest is
`make run`'s (scripts/mkrootfs.py) with a virtio-net-device on -netdev
user (slirp): it sends MIB MiB of zeros over one TCP connection (busybox
dd | nc) to a server this script runs on the host's 127.0.0.1 (10.0.2.2
for the guest), which counts the bytes:

  net-tx      MiB/s the host received, from the first byte to the last
              (host clock)
  net-tx-cpu  the emulator's host CPU time (all threads, user + system)
              per MiB over the same interval

    net.py OURS THEIRS [RUNS]

Prints the median and spread (min-max) of each side and the ratio of the
medians (> 1: we are faster, or cheaper).
"""
import contextlib
import io
import os
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'functional'))
sys.path.insert(0, os.path.join(HERE, '..', 'scripts'))
import guests  # noqa: E402
import mkrootfs  # noqa: E402
from console import Machine, TestFailure  # noqa: E402
from linux import cpu_seconds, summary  # noqa: E402

TIMEOUT = 900
MIB = 16


class Sink:
    """Accepts one connection on 127.0.0.1 and counts what arrives, with
    the emulator's CPU time at the first and the last byte."""

    def __init__(self, pid):
        self.pid = pid
        self.sock = socket.socket()
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(1)
        self.sock.settimeout(TIMEOUT)
        self.port = self.sock.getsockname()[1]
        self.got = 0
        self.first = self.last = None
        self.done = threading.Event()
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        try:
            conn, _ = self.sock.accept()
            with conn:
                conn.settimeout(TIMEOUT)
                while self.got < MIB << 20:
                    b = conn.recv(1 << 20)
                    if not b:
                        break
                    if self.first is None:
                        self.first = (time.monotonic(),
                                      cpu_seconds(self.pid))
                    self.got += len(b)
                self.last = (time.monotonic(), cpu_seconds(self.pid))
        except OSError:
            pass
        finally:
            self.sock.close()
            self.done.set()


def one_boot(qemu, d):
    with contextlib.redirect_stdout(io.StringIO()):
        m = Machine(qemu, guests.rootfs_boot_args(d) + [
            '-netdev', 'user,id=n0',
            '-device', 'virtio-net-device,netdev=n0'], timeout=TIMEOUT)
    try:
        m.expect(r'rootfs: eth0 is 10\.0\.2\.15 via 10\.0\.2\.2')
        m.expect(r'login: ')
        m.send('root\n')
        m.expect(r'# ')
        sink = Sink(m.proc.pid)
        m.send('dd if=/dev/zero bs=64k count=%d 2>/dev/null | '
               'nc 10.0.2.2 %d; echo sent\n' % (MIB * 16, sink.port))
        if not sink.done.wait(TIMEOUT) or sink.got != MIB << 20:
            raise TestFailure('the host got %d of %d bytes'
                              % (sink.got, MIB << 20))
        secs = sink.last[0] - sink.first[0]
        cpu = sink.last[1] - sink.first[1]
        return {'net-tx': MIB / secs, 'net-tx-cpu': cpu * 1e3 / MIB}
    finally:
        m.close()


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__)
        return 2
    ours, theirs = sys.argv[1:3]
    runs = int(sys.argv[3]) if len(sys.argv) == 4 else 3
    why = guests.missing()
    if why:
        print('SKIP: net: ' + why)
        return 0
    if not shutil.which('mke2fs'):
        print('SKIP: net: mke2fs not found (e2fsprogs)')
        return 0
    res = {q: {} for q in (ours, theirs)}
    with tempfile.TemporaryDirectory() as d:
        mkrootfs.build(guests.cache_dir(), d)
        for _ in range(runs):
            for q in (ours, theirs):
                for k, v in one_boot(q, d).items():
                    res[q].setdefault(k, []).append(v)
    o, t = res[ours]['net-tx'], res[theirs]['net-tx']
    print('net-tx: guest to host over slirp, host clock: ours %s, Debian '
          'QEMU %s, ratio %.3f (ours / Debian), %d runs each'
          % (summary(o, ' MiB/s', '%.1f'), summary(t, ' MiB/s', '%.1f'),
             statistics.median(o) / statistics.median(t), runs))
    o, t = res[ours]['net-tx-cpu'], res[theirs]['net-tx-cpu']
    print('net-tx: host CPU per MiB: ours %s, Debian QEMU %s, ratio %.3f '
          '(Debian / ours), %d runs each'
          % (summary(o, ' ms/MiB', '%.1f'), summary(t, ' ms/MiB', '%.1f'),
             statistics.median(t) / statistics.median(o), runs))
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main())
    except TestFailure as e:
        print('FAIL: %s' % e)
        sys.exit(1)
