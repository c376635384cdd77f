#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs a libFuzzer target of the fuzz tree for a bounded time; fails on any finding.

The corpus starts in a temporary folder from the JSON examples of docs/protocol.md (see
seeds.py) and is thrown away afterwards; a crashing, leaking or hanging input is kept in
--artifacts. A fuzzer that was not built is a failure, not a skip.

    run_fuzzer.py --fuzzer build/fuzz/fuzz_requests --doc docs/protocol.md --seconds 60
"""
import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import seeds  # noqa: E402

# What the sanitizers and libFuzzer print when they find something, even if the exit code
# were to say otherwise.
FINDING = re.compile(r"ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer)"
                     r"|runtime error:|deadly signal|SUMMARY: ")
DONE = re.compile(r"^Done (\d+) runs in (\d+) second", re.M)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fuzzer", required=True, type=pathlib.Path)
    parser.add_argument("--doc", required=True)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--artifacts", type=pathlib.Path, default=pathlib.Path.cwd())
    args = parser.parse_args()

    name = args.fuzzer.name
    if not os.access(args.fuzzer, os.X_OK):
        print(f"FAIL: {name} was not built: {args.fuzzer} does not exist.\n"
              f"Build the fuzz tree first (clang; scripts/test.sh does it):\n"
              f"  cmake -S . -B {args.fuzzer.parent} -G Ninja -DHALLWAY_FUZZ=ON "
              f"-DCMAKE_CXX_COMPILER=clang++-14\n"
              f"  cmake --build {args.fuzzer.parent}\n"
              f"or point HALLWAY_FUZZ_DIR at an existing one.", file=sys.stderr)
        return 1

    args.artifacts.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f"hallway-{name}-") as scratch:
        scratch = pathlib.Path(scratch)
        count = seeds.extract(args.doc, scratch / "seeds", scratch / "protocol.dict")
        (scratch / "corpus").mkdir()
        command = [str(args.fuzzer),
                   f"-max_total_time={args.seconds}",
                   "-rss_limit_mb=2048",
                   "-timeout=10",
                   f"-dict={scratch / 'protocol.dict'}",
                   f"-artifact_prefix={args.artifacts}/{name}-",
                   "-print_final_stats=1",
                   str(scratch / "corpus"), str(scratch / "seeds")]
        environment = dict(os.environ, UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1")
        print(f"{count} seeds from {args.doc}\n$ {' '.join(command)}", flush=True)
        run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, errors="replace", env=environment)
        log = args.artifacts / f"{name}.log"
        log.write_text(run.stdout)

    finding = FINDING.search(run.stdout)
    done = DONE.search(run.stdout)
    if run.returncode != 0 or finding or not done:
        lines = run.stdout.splitlines()
        start = next((i for i, line in enumerate(lines) if FINDING.search(line)),
                     max(0, len(lines) - 60))
        print("\n".join(lines[max(0, start - 5):][:400]))
        print(f"FAIL: {name} exited with {run.returncode}"
              + (f" after: {finding.group(0)}" if finding else "")
              + f"\nfull log: {log}\ncrashing inputs, if any: {args.artifacts}/{name}-*\n"
              f"reproduce: {args.fuzzer} <input>", file=sys.stderr)
        return 1
    stats = [line for line in run.stdout.splitlines()
             if line.startswith(("stat::", "#")) and ("DONE" in line or "stat::" in line)]
    print("\n".join(stats))
    runs, seconds = int(done.group(1)), int(done.group(2))
    print(f"PASS: {name}: {runs} runs in {seconds} s ({runs // max(seconds, 1)} exec/s), "
          f"no finding; log: {log}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
