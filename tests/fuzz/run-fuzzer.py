#!/usr/bin/env python3
"""Run one libFuzzer fuzzer the way `make check` and `make fuzz` do.

It replays the seed corpus (tests/fuzz/corpus/NAME, plus any --seeds
directory) and the regression inputs (tests/fuzz/regress/NAME: crashes
found before, which must stay fixed), then fuzzes for FUZZ_SECONDS seconds
(15 by default). New inputs go to a working corpus under --workdir, never
into the tree: fresh for each run, or kept between runs with FUZZ_KEEP=1
(`make fuzz`). libFuzzer's output goes to WORKDIR/NAME.log. A crash, leak,
sanitizer report or timeout fails the run and leaves the input in
WORKDIR/artifacts/; the last line says how many inputs were executed.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--fuzzer", required=True)
    ap.add_argument("--srcdir", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--seeds", action="append", default=[])
    args = ap.parse_args()
    keep = os.environ.get("FUZZ_KEEP") == "1"

    seconds = int(os.environ.get("FUZZ_SECONDS", "15"))
    corpus = os.path.join(args.workdir, args.name if keep
                          else args.name + "-check")
    artifacts = os.path.join(args.workdir, "artifacts")
    if not keep:
        shutil.rmtree(corpus, ignore_errors=True)
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(artifacts, exist_ok=True)

    inputs = [os.path.join(args.srcdir, d, args.name)
              for d in ("corpus", "regress")] + args.seeds
    inputs = [d for d in inputs if os.path.isdir(d) and os.listdir(d)]
    cmd = [args.fuzzer, f"-max_total_time={seconds}", "-timeout=30",
           "-rss_limit_mb=2048", "-max_len=65536", "-print_final_stats=1",
           f"-artifact_prefix={artifacts}/{args.name}-", corpus] + inputs
    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
    env.setdefault("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1")
    log = os.path.join(args.workdir, args.name + ".log")
    print("run-fuzzer:", " ".join(cmd), flush=True)
    with open(log, "w") as f:
        proc = subprocess.run(cmd, env=env, stderr=f, stdout=f)
    with open(log, errors="replace") as f:
        output = f.read()
    m = re.search(r"stat::number_of_executed_units: (\d+)", output)
    runs = m.group(1) if m else "?"
    if proc.returncode != 0:
        sys.stdout.write("".join(output.splitlines(True)[-80:]))
        print(f"fuzz-{args.name}: FAILED (status {proc.returncode}) after "
              f"{runs} executions; the input is in {artifacts}/")
        return 1
    print(f"fuzz-{args.name}: {runs} executions in {seconds} s, no crash")
    return 0


if __name__ == "__main__":
    sys.exit(main())
