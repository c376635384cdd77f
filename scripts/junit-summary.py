#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Sums up ctest's JUnit reports: time per label, and every test that did not pass.

Exits 1 if any test failed or was skipped, whole or in part: ctest counts a skipped test as
no failure, and a Qt Test suite whose functions QSKIP exits 0, so both are read here (the
latter from the "SKIP   :" lines of each test's output). No skip is allowed: a test that
cannot run somewhere is registered only where it can (tst_clusterstore on PostgreSQL).
Usage: junit-summary.py BUILD_DIR REPORT.xml...
"""
import collections
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

SKIP_LINE = re.compile(r"^SKIP\s*:\s*\w+::(\w+)\(", re.M)


def labels_by_test(build):
    """ctest's JUnit output has no labels: take them from the build's test list."""
    listing = subprocess.run(["ctest", "--test-dir", build, "-N", "--show-only=json-v1"],
                             check=True, capture_output=True, text=True).stdout
    labels = {}
    for test in json.loads(listing)["tests"]:
        for prop in test.get("properties", []):
            if prop["name"] == "LABELS":
                labels[test["name"]] = prop["value"]
    return labels


def main(build, paths):
    known = labels_by_test(build)
    seconds = collections.Counter()
    counts = collections.Counter()
    bad = []
    total = 0.0
    for path in paths:
        for case in ElementTree.parse(path).getroot().iter("testcase"):
            name = case.get("name")
            spent = float(case.get("time") or 0)
            total += spent
            for label in known.get(name) or ["(none)"]:
                seconds[label] += spent
                counts[label] += 1
            status = case.get("status") or ""
            if case.find("failure") is not None or status == "fail":
                bad.append((name, "failed"))
            elif case.find("skipped") is not None or status in ("notrun", "disabled"):
                bad.append((name, "skipped"))
            else:
                output = case.findtext("system-out") or ""
                for function in SKIP_LINE.findall(output):
                    bad.append(("%s %s" % (name, function), "skipped"))
    print("\nTime per label (a test counts for each of its labels):")
    for label, spent in sorted(seconds.items(), key=lambda item: -item[1]):
        print("  %-12s %7.1f s  %3d tests" % (label, spent, counts[label]))
    print("  %-12s %7.1f s" % ("all", total))
    for name, how in bad:
        print("%s: %s" % (how.upper(), name))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
