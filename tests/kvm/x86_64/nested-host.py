#!/usr/bin/env python3
"""Run KVM tests on a host without /dev/kvm, inside a nested KVM host.

    nested-host.py --build BUILD [--suite S]... [--test NAME]...
                   [--command SHELL-COMMAND]...

The nested host (L1) is Debian's bookworm amd64 kernel with kvm_amd, run
by Debian's qemu-system-x86_64 under TCG with -cpu max, whose SVM and
nested paging KVM uses. Our x86_64 target has no TCG of its own, so L0 is
always Debian's QEMU. L1 mounts this machine's whole file system read-only
over virtio-9p, chroots into it and runs the chosen tests of BUILD (their
exact meson command lines, read from meson-info/intro-tests.json) with
/dev/kvm present; each test's output and status come back on the serial
console. Tests run in their meson working directory (the build dir unless
set). What the tests check is then real KVM's behaviour (KVM's
emulation of SVM on QEMU's emulation of it), for our binary and Debian's
alike, so a test that fails on ours and passes on Debian's in the same L1
is ours to fix.

Exit status: 1 when any test failed, 0 when at least one passed and none
failed, 77 (meson's skip) with a one-line reason when nothing could run:
this host has /dev/kvm (the tests then run directly), the kernel cache is
missing (scripts/fetch-guests.sh amd64), or kvm_amd did not load in L1.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import mkinitramfs  # noqa: E402
import mkrootfs  # noqa: E402
sys.path.insert(0, os.path.join(ROOT, 'tests', 'functional'))
from guests import x86_host_cache_dir as cache_dir  # noqa: E402

L0_QEMU = '/usr/bin/qemu-system-x86_64'
MAX_RESTARTS = 3
L0_DIED = -1  # a test's status when L0 died under it twice
MODULES = ['kvm-amd', '9p', '9pnet-virtio', 'virtio-pci']
# The environment the tests see: the variables that find programs, plus
# each test's own (meson's "env").
PASS_ENV = ['PATH', 'HOME', 'LANG', 'PYENV_VERSION', 'PYENV_ROOT']

# Tests that cannot pass in L1 because of L0's TCG, not because of the
# emulator under test: they fail the same way on Debian's QEMU in L1, and
# run wherever /dev/kvm is real.
L0_LIMITS = {
    # INT3 must raise #BP, which the #BP exception intercept catches (AMD
    # APM vol. 2, 15.12 "Exception Intercepts"); QEMU 7.2's TCG checks
    # only the software-interrupt intercept for it, so L1's KVM never sees
    # a software breakpoint hit in L2.
    'kvm-x86-gdb': 'INT3 in L2 is not intercepted by L0 TCG (#BP)',
    'kvm-x86-gdb-debian': 'INT3 in L2 is not intercepted by L0 TCG (#BP)',
    # VMRUN loads L2's DR7 without arming QEMU 7.2's TCG breakpoints, so
    # L2 never hits a debug-register breakpoint or watchpoint (later QEMU
    # reloads DR7 properly on VMRUN).
    'kvm-x86-gdb-hw': 'L0 TCG does not arm L2 debug registers on VMRUN',
    'kvm-x86-gdb-hw-debian': 'L0 TCG does not arm L2 debug registers on '
                             'VMRUN',
    # L0 dies of its own assertion (tcg_handle_interrupt without the BQL)
    # during OVMF's boot in L2, on Debian's QEMU as on ours, nearly always.
    'ovmf-boot': 'L0 TCG asserts during OVMF in L2',
    'ovmf-boot-debian': 'L0 TCG asserts during OVMF in L2',
    # After the SHUTDOWN intercept and the reset, L2 never runs again, on
    # Debian's QEMU as on ours (stays at the reset vector, not halted).
    'kvm-x86-triple-fault': 'L2 does not run again after SHUTDOWN on L0 TCG',
    'kvm-x86-triple-fault-debian':
        'L2 does not run again after SHUTDOWN on L0 TCG',
}

INIT = mkrootfs.INIT_PROLOGUE + r'''[ -c /dev/kvm ] || { echo "@@nested-nokvm"; poweroff -f; }
mkdir -p /host
mount -t 9p -o ro,trans=virtio,version=9p2000.L,msize=524288,cache=loose \
    hostroot /host || { echo "@@nested-no9p"; poweroff -f; }
ip link set lo up
for d in proc sys dev; do mount --bind /$d /host/$d; done
mount -t tmpfs tmpfs /host/tmp
mount -t tmpfs tmpfs /host/run
script=$(sed -n 's/.*nested\.script=\([^ ]*\).*/\1/p' /proc/cmdline)
echo "@@nested-up $(cut -d' ' -f1 /proc/uptime)"
chroot /host /bin/sh "$script"
echo "@@nested-done"
poweroff -f
'''


def skip(why):
    print('SKIP: ' + why)
    sys.exit(77)


def select_tests(build, suites, names):
    with open(os.path.join(build, 'meson-info', 'intro-tests.json')) as f:
        tests = json.load(f)
    chosen = []
    for t in tests:
        short = [s.split(':', 1)[-1] for s in t['suite']]
        if t['name'] in names or any(s in suites for s in short):
            chosen.append(t)
    return chosen


def script_for(tests, build):
    """The shell script L1 runs in the chroot: every test, in order, each
    between markers that carry its name and status."""
    base = ['%s=%s' % (k, os.environ[k]) for k in PASS_ENV
            if k in os.environ]
    lines = ['#!/bin/sh', 'export TMPDIR=/tmp']
    for t in tests:
        if t['name'] in L0_LIMITS:
            lines += ['echo "@@nested-end %s 77"' % t['name']]
            continue
        env = base + ['%s=%s' % kv for kv in sorted(t['env'].items())]
        cmd = ['env', '-i'] + env + ['timeout', '-s', 'KILL',
                                     str(t['timeout'] or 60)] + t['cmd']
        lines += ['echo "@@nested-begin %s $(cut -d" " -f1 /proc/uptime)"'
                  % t['name'],
                  'cd %s' % shlex.quote(t['workdir'] or build),
                  ' '.join(shlex.quote(c) for c in cmd) + ' </dev/null 2>&1',
                  'echo "@@nested-end %s $?"' % t['name']]
    return '\n'.join(lines) + '\n'


def boot_l1(work, script, cpus):
    """Starts L0 QEMU with L1's kernel and initramfs; returns the Popen."""
    cache = cache_dir()
    initrd = os.path.join(work, 'nested.cpio')
    with open(initrd, 'wb') as f:
        f.write(mkinitramfs.build(cache, None, MODULES, INIT))
    append = 'console=ttyS0 quiet loglevel=3 nested.script=' + script
    cmd = [L0_QEMU, '-accel', 'tcg', '-cpu', 'max', '-m', '2G',
           '-smp', str(cpus),
           '-kernel', os.path.join(cache, 'Image'), '-initrd', initrd,
           '-append', append, '-nodefaults', '-display', 'none',
           '-serial', 'stdio', '-monitor', 'none', '-no-reboot',
           '-virtfs', 'local,path=/,mount_tag=hostroot,security_model=none,'
           'readonly=on,multidevs=remap']
    print('nested: ' + ' '.join(shlex.quote(c) for c in cmd), flush=True)
    return subprocess.Popen(cmd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def run_l1(build, tests, deadline, cpus):
    """Boots L1 to run tests; returns {name: status} and how L1 ended.
    The script and initramfs are this run's own (several may run at
    once), in the build tree: L1 sees it, but not this host's /tmp."""
    with tempfile.TemporaryDirectory(prefix='nested-', dir=build) as work:
        script = os.path.join(work, 'run.sh')
        with open(script, 'w') as f:
            f.write(script_for(tests, build))
        return collect(boot_l1(work, script, cpus), deadline)


def collect(proc, deadline):
    """Echoes L1's console; returns {name: status}, how L1 ended and the
    test that was running when it did."""
    results, state, running = {}, 'boot', None
    # L1 may fall silent: the deadline must not wait for its next line.
    watchdog = threading.Timer(max(0, deadline - time.monotonic()), proc.kill)
    watchdog.start()
    for raw in proc.stdout:
        line = raw.decode('utf-8', 'replace').rstrip('\r\n')
        print(line, flush=True)
        m = re.match(r'@@nested-(\w+) ?(\S*) ?(\S*)', line)
        if m and m.group(1) == 'begin':
            running = m.group(2)
        elif m and m.group(1) == 'end':
            results[m.group(2)] = int(m.group(3))
            running = None
        elif m and m.group(1) in ('nokvm', 'no9p', 'done'):
            state = m.group(1)
    watchdog.cancel()
    if state == 'boot' and time.monotonic() > deadline:
        state = 'timeout'
    elif proc.wait() != 0 and state == 'boot':
        state = 'l0-died'
    proc.wait()
    return results, state, running


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--build', required=True)
    ap.add_argument('--suite', action='append', default=[])
    ap.add_argument('--test', action='append', default=[])
    ap.add_argument('--timeout', type=int, default=1200)
    ap.add_argument('--smp', type=int, default=1,
                    help="L1's CPUs (L0 runs them on a thread each)")
    ap.add_argument('--command', action='append', default=[],
                    help='a shell command to run in L1 (debugging), as a test')
    ap.add_argument('--command-timeout', type=int, default=300,
                    help="each --command's limit in seconds (default 300)")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    if os.access('/dev/kvm', os.R_OK | os.W_OK):
        skip('this host has /dev/kvm: the KVM suites run on it directly')
    if not os.path.exists(L0_QEMU):
        skip(L0_QEMU + ' (Debian qemu-system-x86) not found')
    if not os.path.exists(os.path.join(cache_dir(), 'Image')):
        skip('no amd64 kernel in %s: run scripts/fetch-guests.sh amd64 '
             '(needs the Debian archive)' % cache_dir())
    tests = select_tests(build, args.suite, args.test)
    tests += [{'name': 'command-%d' % i, 'cmd': ['sh', '-c', c], 'env': {},
               'workdir': None, 'timeout': args.command_timeout}
              for i, c in enumerate(args.command)]
    if not tests:
        skip('no test matches %s %s' % (args.suite, args.test))
    results, restarts, l0_deaths = {}, 0, {}
    deadline = time.monotonic() + args.timeout
    while True:
        todo = [t for t in tests if t['name'] not in results]
        got, state, running = run_l1(build, todo, deadline, args.smp)
        results.update(got)
        if state == 'nokvm':
            skip('kvm_amd did not load in the nested host (no SVM in L0 '
                 '-cpu max?)')
        if state == 'done':
            break
        # L0 (Debian's TCG) can die of its own assertion under this load;
        # the test it was running is run again in a fresh L1, once; if L0
        # dies again there, that test is reported as not run.
        if state != 'l0-died' or restarts == MAX_RESTARTS:
            print('FAIL: the nested host stopped early (%s)' % state)
            return 1
        if running:
            l0_deaths[running] = l0_deaths.get(running, 0) + 1
            if l0_deaths[running] == 2:
                results[running] = L0_DIED
        restarts += 1
        print('nested: L0 QEMU died; restarting L1 (%d of %d)' %
              (restarts, MAX_RESTARTS), flush=True)
    verdict = {0: 'ok', 77: 'SKIP',
               L0_DIED: 'SKIP: L0 QEMU died twice during it (its own bug)'}
    failed = [t['name'] for t in tests if results.get(t['name']) not in verdict]
    for t in tests:
        rc = results.get(t['name'])
        why = (': ' + L0_LIMITS[t['name']]) if t['name'] in L0_LIMITS else ''
        print('nested: %-40s %s%s' % (t['name'],
                                      verdict.get(rc, 'FAIL (%s)' % rc), why))
    print('nested: %d tests, %d failed' % (len(tests), len(failed)))
    if failed:
        return 1
    return 0 if 0 in results.values() else 77


if __name__ == '__main__':
    sys.exit(main())
