"""A minimal QMP client (stdlib only) for functional tests.

    q = QMP('/tmp/qmp.sock')            # -qmp unix:PATH,server=on,wait=off
    q.cmd('balloon', value=256 << 20)   # the "return" value; raises on error
    q.events                            # events seen so far, in order
"""
import json
import socket
import time


class QMPError(Exception):
    pass


class QMP:
    def __init__(self, path, timeout=30):
        limit = time.monotonic() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.settimeout(timeout)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > limit:
                    raise
                time.sleep(0.1)
        self.file = self.sock.makefile('rwb')
        self.events = []
        self._read()                    # the greeting
        self.cmd('qmp_capabilities')

    def _read(self):
        line = self.file.readline()
        if not line:
            raise QMPError('QMP connection closed')
        return json.loads(line)

    def cmd(self, name, **args):
        msg = {'execute': name}
        if args:
            msg['arguments'] = args
        self.file.write(json.dumps(msg).encode() + b'\n')
        self.file.flush()
        while True:
            r = self._read()
            if 'event' in r:
                self.events.append(r)
            elif 'error' in r:
                raise QMPError('%s: %s' % (name, r['error']))
            elif 'return' in r:
                return r['return']

    def close(self):
        self.file.close()
        self.sock.close()
