#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs every Qt Test function of a build's ctest suites in a process of its own.

A function that passes in its suite but fails alone leans on an earlier one (a user it
registered, a talk it proposed); this finds it. scripts/test.sh --isolated calls it with
PostgreSQL up and the same environment as a normal run. Each suite's ctest environment and
working directory are used; initTestCase and cleanupTestCase run around every function, as
Qt Test does when it is given one function name.

Usage: run-isolated.py BUILD_DIR [--regex R] [--label L] [--junit FILE]
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
from xml.sax.saxutils import escape, quoteattr


def ctest_tests(build, regex, label):
    listing = subprocess.run(["ctest", "--test-dir", build, "-N", "--show-only=json-v1"],
                             check=True, capture_output=True, text=True).stdout
    for test in json.loads(listing)["tests"]:
        props = {p["name"]: p["value"] for p in test.get("properties", [])}
        labels = props.get("LABELS", [])
        if regex and not re.search(regex, test["name"]):
            continue
        if label and not any(re.search(label, l) for l in labels):
            continue
        command = test.get("command") or []
        # Qt Test executables only: the fuzzers are scripts with a fixed run time.
        if not command or command[0].endswith("python3") or "fuzz" in labels:
            continue
        yield test["name"], command, props


def functions_of(command, env, cwd):
    """The suite's test functions, asked through its whole ctest command (some run their
    executable through a wrapper, such as tests/app/with-keyring.sh)."""
    listing = subprocess.run(command + ["-functions"], env=env, cwd=cwd, capture_output=True,
                             text=True, timeout=60)
    names = [line.strip().rstrip("()") for line in listing.stdout.splitlines()
             if line.strip().endswith("()")]
    if listing.returncode != 0 or not names:
        raise RuntimeError("%s -functions failed (exit %d): %s"
                           % (" ".join(command), listing.returncode,
                              (listing.stdout + listing.stderr)[-2000:]))
    return names


def run_alone(command, env, cwd, timeout):
    """Runs one function in a session of its own, so that a timeout ends the servers the test
    started as well."""
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, errors="replace",
                               start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
        return process.returncode, output
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        return -1, (output or "") + "\n(timed out after %d s)" % timeout


# XML 1.0 has no place for most control characters, which garbage-frame tests print.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build")
    parser.add_argument("--regex", help="only ctest names matching this")
    parser.add_argument("--label", help="only ctest labels matching this")
    parser.add_argument("--junit", help="write a JUnit XML report here")
    args = parser.parse_args()

    results = []  # (suite, function, status, seconds, output)
    for name, command, props in ctest_tests(args.build, args.regex, args.label):
        env = dict(os.environ)
        for pair in props.get("ENVIRONMENT", []):
            key, _, value = pair.partition("=")
            env[key] = value
        cwd = props.get("WORKING_DIRECTORY", args.build)
        timeout = float(props.get("TIMEOUT", 300))
        try:
            functions = functions_of(command, env, cwd)
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            results.append((name, "-functions", "failed", 0.0, str(error)))
            print("FAILED  %s: cannot list its functions\n%s" % (name, error), flush=True)
            continue
        for function in functions:
            started = time.monotonic()
            returncode, output = run_alone(command + [function], env, cwd, timeout)
            skipped = re.search(r"^SKIP\s*:", output, re.M) and not re.search(
                r"^PASS\s*:\s*\S+::" + re.escape(function) + r"\(", output, re.M)
            status = "failed" if returncode != 0 else "skipped" if skipped else "passed"
            seconds = time.monotonic() - started
            results.append((name, function, status, seconds, output))
            print("%-7s %6.1f s  %s %s" % (status.upper(), seconds, name, function), flush=True)
            if status == "failed":
                print("\n".join(l for l in output.splitlines()
                                if l.startswith(("FAIL!", "   Loc:", "QFATAL", "(timed"))),
                      flush=True)

    failed = [r for r in results if r[2] == "failed"]
    skipped = [r for r in results if r[2] == "skipped"]
    print("\n%d functions run alone: %d passed, %d failed, %d skipped"
          % (len(results), len(results) - len(failed) - len(skipped), len(failed), len(skipped)))
    for suite, function, *_ in failed:
        print("  failed alone: %s %s" % (suite, function))
    for suite, function, *_ in skipped:
        print("  skipped alone: %s %s" % (suite, function))

    if args.junit:
        with open(args.junit, "w", encoding="utf-8") as report:
            report.write('<?xml version="1.0" encoding="UTF-8"?>\n')
            report.write('<testsuite name="isolated" tests="%d" failures="%d" skipped="%d">\n'
                         % (len(results), len(failed), len(skipped)))
            for suite, function, status, seconds, output in results:
                report.write('  <testcase classname=%s name=%s time="%.3f">'
                             % (quoteattr(suite), quoteattr(function), seconds))
                if status == "failed":
                    report.write("<failure>%s</failure>"
                                 % escape(CONTROL.sub("?", output[-20000:])))
                elif status == "skipped":
                    report.write("<skipped/>")
                report.write("</testcase>\n")
            report.write("</testsuite>\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
