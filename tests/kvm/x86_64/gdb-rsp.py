#!/usr/bin/env python3
"""Debug the multiboot program gdb.elf over the gdb stub, speaking the
remote serial protocol directly (no gdb needed), on the pc machine.

    gdb-rsp.py [--accel=kvm|tcg] [--hw] QEMU GDB_ELF

The program starts stopped (-S). The test places a software breakpoint
(Z0) at gdb_stop_here, continues and must stop there with rip at it,
removes the breakpoint (the original bytes are back), single-steps, reads
and writes `value` (m/M), sets rip (P) to gdb_resume_here and continues:
the program reports `value` through isa-debug-exit, so the emulator's
status says that memory and register writes reached the guest. Before
the stop, the program runs an INT3 of its own, which must reach its #BP
handler although a breakpoint is in (under KVM: reinjected).

With --hw the breakpoint is a hardware one (Z1, a debug register), and
before the step a write watchpoint (Z2) on `value` must stop the program
(after the step) right after gdb_stop_here's store, with a stop reply naming the address
("watch:ADDR"); under KVM a read watchpoint (Z3), which x86's debug
registers cannot express, is refused with an empty reply, as QEMU does.

Exits 77 (skip) with a one-line reason without a usable /dev/kvm.
"""
import os
import re
import socket
import subprocess
import sys
import time

RIP = 0x10           # gdb's amd64 register number of rip
NEW_VALUE = 0x21     # written into `value`: status (0x21 << 1) | 1
TIMEOUT = 30


class Fail(Exception):
    pass


def symbols(elf):
    out = subprocess.run(["nm", elf], capture_output=True, text=True,
                         check=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms[parts[2]] = int(parts[0], 16)
    return syms


class RSP:
    def __init__(self, port):
        deadline = time.time() + TIMEOUT
        while True:
            try:
                self.s = socket.create_connection(("127.0.0.1", port), 2)
                break
            except OSError:
                if time.time() > deadline:
                    raise Fail("cannot connect to the gdb stub")
                time.sleep(0.1)
        self.s.settimeout(TIMEOUT)
        self.buf = b""
        self.last = None  # the last packet sent, for failure messages

    def _byte(self):
        if not self.buf:
            data = self.s.recv(4096)
            if not data:
                raise EOFError
            self.buf = data
        b, self.buf = self.buf[:1], self.buf[1:]
        return b

    def recv(self):
        while self._byte() != b"$":
            pass
        payload = b""
        while (b := self._byte()) != b"#":
            payload += b
        csum = self._byte() + self._byte()
        if int(csum, 16) != sum(payload) & 0xff:
            raise Fail("bad checksum on %r" % payload)
        self.s.sendall(b"+")
        return payload.decode()

    def send(self, cmd):
        self.last = cmd
        data = cmd.encode()
        self.s.sendall(b"$%s#%02x" % (data, sum(data) & 0xff))
        while (ack := self._byte()) != b"+":
            if ack == b"-":
                raise Fail("stub refused %r" % cmd)

    def cmd(self, cmd):
        self.send(cmd)
        return self.recv()

    def ok(self, cmd):
        reply = self.cmd(cmd)
        if reply != "OK":
            raise Fail("%s: %r, expected OK" % (cmd, reply))

    def stop(self, cmd):
        reply = self.cmd(cmd)
        if not reply.startswith(("T05", "S05")):
            raise Fail("%s: stop reply %r, expected SIGTRAP" % (cmd, reply))


def le(hexstr):
    return int.from_bytes(bytes.fromhex(hexstr), "little")


def watch(rsp, stop, value, accel):
    """Z2 on value: the store in gdb_stop_here (1 + 2) stops just past it.
    Under KVM the debug registers cannot watch reads only (TCG can)."""
    if accel == "kvm" and rsp.cmd("Z3,%x,4" % value) != "":
        raise Fail("a read watchpoint was not refused with an empty reply")
    rsp.ok("Z2,%x,4" % value)
    reply = rsp.cmd("c")
    m = re.search(r"(?:^|;)watch:([0-9a-fA-F]+);", reply)
    if not reply.startswith("T05") or not m or int(m.group(1), 16) != value:
        raise Fail("c: stop reply %r, expected T05 with watch:%x" %
                   (reply, value))
    rsp.ok("z2,%x,4" % value)
    if le(rsp.cmd("m%x,4" % value)) != 3:
        raise Fail("value is not 3 after the watched store")
    rip = le(rsp.cmd("p%x" % RIP))
    if not stop < rip < stop + 32:
        raise Fail("the watchpoint stopped at rip 0x%x, not just past the "
                   "store in gdb_stop_here 0x%x" % (rip, stop))


def run(rsp, syms, hw, accel):
    stop, resume, value = (syms["gdb_stop_here"], syms["gdb_resume_here"],
                           syms["value"])
    z = "1" if hw else "0"
    rsp.cmd("qSupported:swbreak+;hwbreak+;xmlRegisters=i386")
    # As gdb does: QEMU answers 'p' only once the target description
    # has been read (ours has none for x86: gdb's built-in amd64 layout).
    rsp.cmd("qXfer:features:read:target.xml:0,ffb")
    rsp.cmd("?")
    code = rsp.cmd("m%x,4" % stop)
    rsp.ok("Z%s,%x,1" % (z, stop))
    rsp.stop("c")
    rip = le(rsp.cmd("p%x" % RIP))
    if rip != stop:
        raise Fail("stopped at rip 0x%x, expected gdb_stop_here 0x%x" %
                   (rip, stop))
    rsp.ok("z%s,%x,1" % (z, stop))
    if rsp.cmd("m%x,4" % stop) != code:
        raise Fail("the code at gdb_stop_here is not restored")
    if le(rsp.cmd("m%x,4" % value)) != 1:
        raise Fail("value is not 1 at the breakpoint")
    rsp.stop("s")
    rip = le(rsp.cmd("p%x" % RIP))
    if not stop < rip < stop + 16:
        raise Fail("after a step rip is 0x%x, expected just past 0x%x" %
                   (rip, stop))
    if hw:
        watch(rsp, stop, value, accel)
    rsp.ok("M%x,4:%s" % (value, NEW_VALUE.to_bytes(4, "little").hex()))
    if le(rsp.cmd("m%x,4" % value)) != NEW_VALUE:
        raise Fail("value does not read back what M wrote")
    rsp.ok("P%x=%s" % (RIP, resume.to_bytes(8, "little").hex()))
    rsp.send("c")


def main():
    args = sys.argv[1:]
    accel = "kvm"
    if args and args[0].startswith("--accel="):
        accel = args.pop(0).split("=", 1)[1]
    hw = bool(args) and args[0] == "--hw"
    if hw:
        args.pop(0)
    qemu, elf = args
    if accel == "kvm" and not os.access("/dev/kvm", os.R_OK | os.W_OK):
        print("SKIP: /dev/kvm is missing or not usable: gdb under KVM not run")
        return 77
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [qemu, "-M", "pc", "-accel", accel, "-kernel", elf, "-device",
           "isa-debug-exit,iobase=0xf4,iosize=4", "-display", "none",
           "-monitor", "none", "-serial", "none", "-S",
           "-gdb", "tcp:127.0.0.1:%d" % port]
    p = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    rsp = None
    try:
        rsp = RSP(port)
        run(rsp, symbols(elf), hw, accel)
        status = p.wait(TIMEOUT)
    except (Fail, OSError, EOFError, subprocess.TimeoutExpired) as e:
        p.kill()
        last = " (last packet sent: %r)" % rsp.last if rsp else ""
        print("FAIL: %s%s: %s\n%s" % (e, last, " ".join(cmd),
                                      p.communicate()[1]))
        return 1
    want = NEW_VALUE << 1 | 1
    if status != want:
        print("FAIL: status 0x%x, expected 0x%x: %s\n%s" %
              (status, want, " ".join(cmd), p.stderr.read()))
        return 1
    what = "hw breakpoint, watchpoint" if hw else "breakpoint"
    print("ok: %s, step, m/M, P and resume: %s" % (what, " ".join(cmd)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
