"""A small expect-like driver for a machine's serial console (stdlib only).

    m = Machine(qemu, ['-M', 'virt', ...])   # serial on the process's stdio
    m.expect(r'OpenSBI v(\\d+)\\.(\\d+)')     # regex; returns the match
    m.send('version\\n')
    m.close()

expect() fails the test (raises TestFailure) on timeout or when the
process exits, showing the tail of what was read.  Everything read is kept
in m.log and can be written to a file for the meson test log.
"""
import os
import re
import select
import subprocess
import sys
import time


class TestFailure(Exception):
    pass


class Machine:
    def __init__(self, qemu, args, timeout=30):
        self.timeout = timeout
        self.cmd = [qemu] + args
        print('running: ' + ' '.join(self.cmd), flush=True)
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        os.set_blocking(self.proc.stdout.fileno(), False)
        self.buf = ''      # read, not yet consumed by expect()
        self.log = ''      # everything read

    def _read(self, wait):
        r, _, _ = select.select([self.proc.stdout], [], [], wait)
        if not r:
            return True
        data = self.proc.stdout.read()
        if not data:
            return False        # EOF: the process is gone
        text = data.decode('utf-8', 'replace').replace('\r', '')
        self.buf += text
        self.log += text
        return True

    def expect(self, pattern, timeout=None):
        """Waits for pattern (a regex) and consumes the text up to its end."""
        limit = time.monotonic() + (timeout or self.timeout)
        rx = re.compile(pattern)
        while True:
            m = rx.search(self.buf)
            if m:
                self.buf = self.buf[m.end():]
                return m
            left = limit - time.monotonic()
            if left <= 0:
                self.fail('timed out waiting for %r' % pattern)
            if not self._read(min(left, 0.5)):
                m = rx.search(self.buf)
                if m:
                    self.buf = self.buf[m.end():]
                    return m
                self.fail('process exited (status %s) while waiting for %r'
                          % (self.proc.wait(), pattern))

    def send(self, text, char_delay=0.0):
        """Types text; a delay per character for slow line disciplines."""
        for c in text if char_delay else [text]:
            self.proc.stdin.write(c.encode())
            self.proc.stdin.flush()
            if char_delay:
                time.sleep(char_delay)

    def fail(self, why):
        tail = self.log[-2000:]
        raise TestFailure('%s\n---- console output (last 2000 chars) ----\n'
                          '%s\n----' % (why, tail))

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


def main(test, argv):
    """Runs test(qemu) with the binary named on the command line."""
    if len(argv) != 2:
        print('usage: %s QEMU-BINARY' % argv[0])
        return 2
    if not os.access(argv[1], os.X_OK):
        print('FAIL: %s is not an executable' % argv[1])
        return 1
    try:
        test(argv[1])
    except TestFailure as e:
        print('FAIL: %s' % e)
        return 1
    print('PASS')
    return 0


def require_file(path):
    """Loud skip (status 77 for meson) when a firmware file is missing."""
    if not os.path.exists(path):
        print('SKIP: %s not found (install the Debian package that has it, '
              'see scripts/install-deps.sh)' % path)
        sys.exit(77)


def require_kvm():
    """Loud skip (status 77 for meson) when /dev/kvm cannot be used."""
    if not os.access('/dev/kvm', os.R_OK | os.W_OK):
        print('SKIP: /dev/kvm is missing or not usable')
        sys.exit(77)
