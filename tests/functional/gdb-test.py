#!/usr/bin/env python3
"""Debug a small bare-metal program with gdb-multiarch over the gdb stub.

usage: gdb-test.py QEMU_BINARY [EXTRA QEMU ARGS...]

Builds a program with riscv64-unknown-elf-gcc, starts QEMU stopped with
-gdb tcp::PORT and runs a gdb batch session: break at a function,
continue, look at registers and memory, stepi, change a register, check
the program saw the change, then kill. Exits 77 (skip) without gdb or gcc.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

START_S = r"""
    .section .text.init, "ax"
    .globl _start
_start:
    csrr t0, mhartid
    bnez t0, park
    la sp, stack_top
    call main
    call finish
park:
    wfi
    j park
"""

MAIN_C = r"""
volatile unsigned long result;
unsigned int pattern[4] = { 0x11223344, 0x55667788, 0x99aabbcc, 0xddeeff00 };

__attribute__((noinline)) unsigned long add_one(unsigned long x)
{
    return x + 1;
}

__attribute__((noinline)) void done(unsigned long r)
{
    result = r;
}

__attribute__((noinline)) void finish(void)
{
    for (;;) {
        __asm__ volatile("wfi");
    }
}

int main(void)
{
    done(add_one(41));
    return 0;
}
"""

LINK_LD = r"""
ENTRY(_start)
SECTIONS
{
    . = 0x80000000;
    .text : { *(.text.init) *(.text*) }
    .rodata : { *(.rodata*) }
    .data : { *(.data*) *(.sdata*) }
    .bss : { *(.bss*) *(.sbss*) *(COMMON) }
    . = ALIGN(16);
    . += 0x2000;
    stack_top = .;
}
"""


def skip(msg):
    print('SKIP: ' + msg)
    sys.exit(77)


def fail(msg, out=''):
    print('FAIL: ' + msg)
    if out:
        print('---- gdb output ----\n' + out)
    sys.exit(1)


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def build(tmp):
    gcc = shutil.which('riscv64-unknown-elf-gcc')
    if not gcc:
        skip('riscv64-unknown-elf-gcc not found')
    for name, text in (('start.S', START_S), ('main.c', MAIN_C),
                       ('link.ld', LINK_LD)):
        with open(os.path.join(tmp, name), 'w') as f:
            f.write(text)
    elf = os.path.join(tmp, 'prog.elf')
    subprocess.run([gcc, '-march=rv64gc', '-mabi=lp64d', '-mcmodel=medany',
                    '-O1', '-g', '-nostdlib', '-nostartfiles', '-ffreestanding',
                    '-T', os.path.join(tmp, 'link.ld'),
                    os.path.join(tmp, 'start.S'), os.path.join(tmp, 'main.c'),
                    '-o', elf], check=True)
    return elf


class Rsp:
    """A bare remote-serial-protocol client, for what gdb hides."""

    def __init__(self, port):
        self.sock = socket.create_connection(('127.0.0.1', port), timeout=10)
        self.buf = b''

    def recv_raw(self):
        data = self.sock.recv(4096)
        if not data:
            raise EOFError
        self.buf += data

    def packet(self):
        while True:
            m = re.search(rb'\$([^#]*)#([0-9a-f]{2})', self.buf)
            if m:
                self.buf = self.buf[m.end():]
                if sum(m.group(1)) & 0xff != int(m.group(2), 16):
                    fail('bad checksum from the stub')
                return m.group(1).decode()
            self.recv_raw()

    def send(self, payload):
        cs = sum(payload.encode()) & 0xff
        self.sock.sendall(b'$%s#%02x' % (payload.encode(), cs))

    def cmd(self, payload):
        self.send(payload)
        reply = self.packet()
        self.sock.sendall(b'+')
        return reply


def raw_protocol(qemu, elf, extra):
    """Checksum errors, threads, breakpoints and Ctrl-C without gdb."""
    nm = shutil.which('riscv64-unknown-elf-nm')
    syms = subprocess.run([nm, elf], stdout=subprocess.PIPE, text=True,
                          check=True).stdout
    done = int(re.search(r'^([0-9a-f]+) T done$', syms, re.M).group(1), 16)
    port = free_port()
    proc = subprocess.Popen([qemu, '-M', 'virt', '-bios', 'none', '-kernel',
                             elf, '-display', 'none', '-nodefaults', '-smp',
                             '2', '-S', '-gdb', 'tcp::%d' % port] + extra)
    try:
        rsp = None
        for _ in range(50):
            try:
                rsp = Rsp(port)
                break
            except ConnectionRefusedError:
                time.sleep(0.1)
        if not rsp:
            fail('cannot connect to the gdb port')
        rsp.sock.sendall(b'$?#00')
        while b'-' not in rsp.buf:
            rsp.recv_raw()
        rsp.buf = b''
        sup = rsp.cmd('qSupported:swbreak+;xmlRegisters=riscv')
        if 'PacketSize=' not in sup or 'qXfer:features:read+' not in sup:
            fail('qSupported: ' + sup)
        if not rsp.cmd('?').startswith('T05thread:01;'):
            fail('? should report a SIGTRAP stop of thread 1')
        threads = []
        reply = rsp.cmd('qfThreadInfo')
        while reply.startswith('m'):
            threads += reply[1:].split(',')
            reply = rsp.cmd('qsThreadInfo')
        if reply != 'l' or [int(t, 16) for t in threads] != [1, 2]:
            fail('qfThreadInfo should list one thread per hart: %s' % threads)
        if rsp.cmd('Z0,%x,2' % done) != 'OK':
            fail('Z0 not accepted')
        if not rsp.cmd('c').startswith('T05thread:01;'):
            fail('no stop reply at the breakpoint')
        pc = rsp.cmd('g')[32 * 16:33 * 16]  # x0-x31, then pc
        if int.from_bytes(bytes.fromhex(pc), 'little') != done:
            fail('stopped at pc %s, not at done (%#x)' % (pc, done))
        if rsp.cmd('z0,%x,2' % done) != 'OK':
            fail('z0 not accepted')
        rsp.send('c')
        time.sleep(0.5)
        rsp.sock.sendall(b'\x03')
        stop = rsp.packet()
        if not stop.startswith('T02thread:'):
            fail('Ctrl-C should stop with T02, got ' + stop)
        rsp.send('k')
        try:
            if proc.wait(timeout=10) != 0:
                fail('QEMU failed after k')
        except subprocess.TimeoutExpired:
            fail('QEMU still runs after the k packet')
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    qemu = sys.argv[1]
    extra = sys.argv[2:]
    gdb = shutil.which('gdb-multiarch')
    if not gdb:
        skip('gdb-multiarch not found (apt-get install gdb-multiarch)')
    with tempfile.TemporaryDirectory() as tmp:
        elf = build(tmp)
        port = free_port()
        proc = subprocess.Popen([qemu, '-M', 'virt', '-bios', 'none',
                                 '-kernel', elf, '-display', 'none',
                                 '-nodefaults', '-S',
                                 '-gdb', 'tcp::%d' % port] + extra,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        cmds = [
            'set confirm off',
            'set pagination off',
            'set architecture riscv:rv64',
            'target remote 127.0.0.1:%d' % port,
            'echo @PC0 \n', 'p/x $pc',
            'break add_one',
            'continue',
            'echo @STOP1 \n', 'p/x $pc', 'p/x (unsigned long)&add_one',
            'info registers',
            'echo @A0 \n', 'p $a0',
            'echo @MEM \n', 'x/4xw &pattern',
            'echo @STEP \n', 'stepi', 'p/x $pc',
            'set $a0 = 100',
            'echo @SETA0 \n', 'p $a0',
            'break done',
            'continue',
            'echo @DONE \n', 'p $a0',
            'info threads',
            'echo @CSR \n', 'p $mhartid', 'p/x $misa',
            'set var pattern[0] = 0x12345678',
            'echo @MEM2 \n', 'x/1xw &pattern',
            'delete',
            'kill',
        ]
        args = [gdb, '-nx', '-batch', elf]
        for c in cmds:
            args += ['-ex', c]
        try:
            res = subprocess.run(args, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True,
                                 timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            fail('gdb timed out')
        out = res.stdout
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            fail('QEMU still runs after gdb "kill"', out)

        def section(tag):
            m = re.search('@%s \n(.*?)(?=\n@|\\Z)' % tag, out, re.S)
            if not m:
                fail('no %s section' % tag, out)
            return m.group(1)

        if '= 0x1000' not in section('PC0'):
            fail('the hart should start stopped at the reset vector', out)
        stop = section('STOP1')
        m = re.findall(r'= (0x[0-9a-f]+)', stop)
        if 'Breakpoint 1, ' not in out or 'add_one' not in out:
            fail('no stop at breakpoint 1 in add_one', out)
        if len(m) < 2 or m[0] != m[1]:
            fail('pc is not add_one at the breakpoint', out)
        if not re.search(r'^pc\s+0x[0-9a-f]+', stop, re.M) or \
           not re.search(r'^a0\s+0x29\s+41', stop, re.M):
            fail('info registers should show pc and a0 = 41', out)
        if '= 41' not in section('A0'):
            fail('$a0 should be 41 at add_one', out)
        mem = section('MEM')
        if '0x11223344\t0x55667788\t0x99aabbcc\t0xddeeff00' not in mem:
            fail('x/4xw shows the wrong memory', out)
        step = section('STEP')
        pcs = re.findall(r'= (0x[0-9a-f]+)', step)
        if not pcs or int(pcs[-1], 16) == int(m[0], 16):
            fail('stepi did not move the pc', out)
        if '= 100' not in section('SETA0'):
            fail('set $a0 did not take', out)
        done = section('DONE')
        # stepi ran add_one's addi; a0 = 100 is then what it returns
        if 'Breakpoint 2, done (r=100)' not in out or '= 100' not in done:
            fail('done() should get the 100 set in a0', out)
        csr = section('CSR')
        if not re.search(r'= 0\n.*= 0x8000000000141[0-9a-f]{3}', csr, re.S):
            fail('mhartid and misa are wrong', out)
        if '0x12345678' not in section('MEM2'):
            fail('memory write did not take', out)
        print(out)
        raw_protocol(qemu, elf, extra)
        print('PASS')
        return 0


if __name__ == '__main__':
    sys.exit(main())
