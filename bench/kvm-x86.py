#!/usr/bin/env python3
"""KVM exit round trips on qemu-system-x86_64, ours against Debian's QEMU
7.2 on the same guest in the same run (bench/x86/exitbench.c, a multiboot
kernel run with -accel kvm -smp 2), RUNS boots each, alternating. The guest
times each kind of exit with its TSC and prints the cycles per iteration
on COM1 before it ends through isa-debug-exit:

  cpuid  CPUID (answered in the kernel: the floor of a round trip)
  pio    a port read answered in user space (nothing at port 0x99)
  mmio   an MMIO read answered in user space (an unmapped address)
  ipi    an IPI to the other vCPU, halted, which wakes and IPIs back to
         this one, halted too (two IPIs, two HLT wake-ups)

and, per run, pio-user = pio - cpuid and mmio-user = mmio - cpuid: the
part of the round trip spent in user space (and KVM's way out to it).

    kvm-x86.py OURS THEIRS GUEST.elf [RUNS] [--accel=tcg] [--iters=WORDS]
               [--nested=BUILD] [--smp=N]

Prints for each the median and spread (min-max) of each side, in guest TSC
cycles per iteration, and the ratio of the medians, Debian's / ours (> 1:
we are faster). In the IPI phase a LAPIC timer on the guest's BSP ticks
every 100 ms, a watchdog: a line after the ipi row counts the rounds whose
HLT wake-up only that tick made (lost wake-ups; nested KVM loses some, on
both sides), left out of the ipi figure, the replies the BSP took inside
STI's interrupt shadow (before its HLT, which then waits on: one way a
wake-up gets lost) and the slowest round. A run whose ping-pong makes no
progress for 2 s has no ipi figure; the row says how many runs lost it,
and the guest's account of the first (which IPI went missing).

Without a usable /dev/kvm both sides run inside one nested KVM host
(tests/kvm/x86_64/nested-host.py: KVM in Debian's kernel, itself on
Debian's TCG), with BUILD (default: OURS's directory) for its scratch
files and fewer iterations (NESTED_ITERS): the figures are then nested
KVM's, noisy, and only the ratios mean something. --smp is L1's CPUs
(default 1); --accel=tcg runs the guest directly on TCG, to check it (its
figures mean nothing for KVM). --iters sets the guest's iterations per
batch ("cpuid=N pio=N mmio=N ipi=N", any of them). Skips with a reason
when neither KVM nor the nested host can run.
"""
import os
import re
import shlex
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NESTED_HOST = os.path.join(HERE, '..', 'tests', 'kvm', 'x86_64',
                           'nested-host.py')
NAMES = ['cpuid', 'pio', 'mmio', 'ipi']
EXTRA = ['ipi-late', 'ipi-in-shadow', 'ipi-max-ms']  # lost HLT wake-ups
# The user-space part of an exit: its round trip less CPUID's, in the same
# run (which takes out much of the nested host's drift between runs).
DERIVED = {'pio-user': 'pio', 'mmio-user': 'mmio'}
PASS_STATUS = 0x43  # isa-debug-exit: (0x21 << 1) | 1
RUN_TIMEOUT = 240
NESTED_ITERS = 'cpuid=2000 pio=1000 mmio=1000 ipi=1000'


def one_run(qemu, guest, accel, iters):
    """{name: cycles or None} and {name: why it is missing}."""
    cmd = [qemu, '-M', 'pc', '-accel', accel, '-smp', '2', '-kernel', guest,
           '-device', 'isa-debug-exit,iobase=0xf4,iosize=4', '-display',
           'none', '-monitor', 'none', '-serial', 'stdio']
    if iters:
        cmd += ['-append', iters]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True,
                           timeout=RUN_TIMEOUT)
        out, err, status = p.stdout, p.stderr, p.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b'').decode('utf-8', 'replace')
        err, status = '', None
    line = next((l.strip() for l in out.splitlines()
                 if l.startswith('exitbench:')), None)
    if line is None or status != PASS_STATUS:
        last = err.strip().splitlines()[-1:] or ['no result line']
        why = ('timed out after %d s' % RUN_TIMEOUT if status is None else
               'status %s: %s' % (status, last[0]))
        return ({n: None for n in NAMES + list(DERIVED)},
                {n: why for n in NAMES + list(DERIVED)})
    vals, why = {}, {}
    for n in EXTRA:
        m = re.search(r'\b%s=(\d+)' % n, line)
        vals[n] = int(m.group(1)) if m else 0
    for n in NAMES:
        m = re.search(r'\b%s=(\d+|n/a)' % n, line)
        vals[n] = int(m.group(1)) if m and m.group(1) != 'n/a' else None
        if vals[n] is None:
            why[n] = line.split('%s=n/a' % n, 1)[-1].strip() or 'n/a'
    for n, exit_ in DERIVED.items():
        both = vals[exit_] is not None and vals['cpuid'] is not None
        vals[n] = vals[exit_] - vals['cpuid'] if both else None
    return vals, why


def spread(vals):
    return '%d (%d-%d)' % (statistics.median(vals), min(vals), max(vals))


def report(name, runs, res):
    """One row: each side's median (min-max), and the ratio."""
    cells, med = [], {}
    for side, label in (('ours', 'ours'), ('theirs', 'Debian QEMU')):
        got = [v[name] for v, _ in res[side] if v.get(name) is not None]
        whys = [w[name] for _, w in res[side] if name in w]
        cell = '%s %s' % (label, spread(got) if got else 'n/a')
        if whys:
            cell += ' [%d of %d runs without it: %s]' % (len(whys), runs,
                                                         whys[0])
        cells.append(cell)
        med[side] = statistics.median(got) if got else None
    ratio = ('%.2f' % (med['theirs'] / med['ours'])
             if med['ours'] and med['theirs'] else 'n/a')
    print('kvm-x86 %s: %s, %s, ratio %s' % (name, cells[0], cells[1], ratio),
          flush=True)
    if name == 'ipi':
        late = {side: (sum(v.get('ipi-late', 0) for v, _ in res[side]),
                       sum(v.get('ipi-in-shadow', 0) for v, _ in res[side]),
                       max(v.get('ipi-max-ms', 0) for v, _ in res[side]))
                for side in res}
        print('kvm-x86 ipi: rounds left out, whose HLT wake-up only the '
              'guest\'s 100 ms watchdog made, all runs: ours %d, Debian QEMU '
              '%d; replies taken inside STI\'s shadow, before HLT: ours %d, '
              'Debian QEMU %d; slowest round: ours %d ms, Debian QEMU %d ms'
              % tuple(late['ours'][i // 2] if i % 2 == 0 else
                      late['theirs'][i // 2] for i in range(6)), flush=True)


def run_here(ours, theirs, guest, runs, accel, iters, where):
    print('kvm-x86: guest TSC cycles per iteration (median of 7 batches in '
          'the guest), median (min-max) over %d runs per side, alternating; '
          'ratio = Debian\'s / ours (> 1: we are faster); -accel %s%s'
          % (runs, accel, where), flush=True)
    res = {'ours': [], 'theirs': []}
    for _ in range(runs):
        res['ours'].append(one_run(ours, guest, accel, iters))
        res['theirs'].append(one_run(theirs, guest, accel, iters))
    for name in NAMES + list(DERIVED):
        report(name, runs, res)
    return 0


def run_nested(ours, theirs, guest, runs, iters, build, smp):
    """Both sides inside one L1 (this script again, there with /dev/kvm);
    its lines come back through the nested host's console."""
    inner = [sys.executable, os.path.abspath(__file__), ours, theirs, guest,
             str(runs), '--iters=' + iters, '--in-nested']
    # Each run is at most RUN_TIMEOUT, plus L1's boot and slack.
    limit = runs * 2 * RUN_TIMEOUT + 120
    cmd = [sys.executable, NESTED_HOST, '--build', build, '--smp', str(smp),
           '--command', ' '.join(shlex.quote(c) for c in inner),
           '--command-timeout', str(limit), '--timeout', str(limit + 300)]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    tail, rows = [], 0
    for line in p.stdout:
        if line.startswith('kvm-x86'):
            print(line.rstrip(), flush=True)
            rows += line.startswith('kvm-x86 ')
        else:
            tail = (tail + [line.rstrip()])[-15:]
    status = p.wait()
    if status == 77:
        print('SKIP: kvm-x86 exits: no /dev/kvm, and the nested host cannot '
              'run: ' + (tail[-1] if tail else '?'))
        return 0
    if status != 0 or rows < len(NAMES):
        print('FAIL: kvm-x86 exits: the nested host ended with status %d:\n%s'
              % (status, '\n'.join(tail)))
        return 1
    return 0


def main():
    opts = dict(a[2:].split('=', 1) if '=' in a else (a[2:], '')
                for a in sys.argv[1:] if a.startswith('--'))
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    unknown = set(opts) - {'accel', 'iters', 'nested', 'smp', 'in-nested'}
    if unknown:
        print('kvm-x86.py: unknown option --%s' % sorted(unknown)[0],
              file=sys.stderr)
        return 1
    if len(args) not in (3, 4):
        print('usage: kvm-x86.py OURS THEIRS GUEST.elf [RUNS] [--accel=tcg] '
              '[--iters=WORDS] [--nested=BUILD] [--smp=N]', file=sys.stderr)
        return 1
    if len(args) > 3 and not (args[3].isdigit() and int(args[3]) > 0):
        print('kvm-x86.py: RUNS must be a positive number, not %r' % args[3],
              file=sys.stderr)
        return 1
    if not (opts.get('smp') or '1').isdigit():
        print('kvm-x86.py: --smp must be a number', file=sys.stderr)
        return 1
    ours, theirs, guest = (os.path.abspath(a) for a in args[:3])
    runs = int(args[3]) if len(args) > 3 else 5
    accel = opts.get('accel', 'kvm')
    if accel == 'tcg' or os.access('/dev/kvm', os.R_OK | os.W_OK):
        where = ('; inside the nested KVM host (KVM on TCG): noisy, nested '
                 'exits; compare the ratios, not the cycles'
                 if 'in-nested' in opts else '')
        return run_here(ours, theirs, guest, runs, accel,
                        opts.get('iters', ''), where)
    if accel != 'kvm':
        print('kvm-x86.py: --accel must be kvm or tcg', file=sys.stderr)
        return 1
    build = os.path.abspath(opts.get('nested') or os.path.dirname(ours))
    print('kvm-x86: no usable /dev/kvm here: both run in the nested KVM '
          'host (%s)' % os.path.relpath(NESTED_HOST), flush=True)
    return run_nested(ours, theirs, guest, runs,
                      opts.get('iters') or NESTED_ITERS, build,
                      int(opts.get('smp') or 1))


if __name__ == '__main__':
    sys.exit(main())
