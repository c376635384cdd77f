#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds Hallway and runs every test against a throwaway PostgreSQL, a real server, real
# widgets and a real keychain, and each fuzzer of build/fuzz for a minute. Extra arguments go
# to ctest, e.g. `scripts/test.sh -L unit`.
#
#   scripts/test.sh                  everything; JUnit XML in build/test-results/, time per label
#   scripts/test.sh -R tst_chat      one suite (any ctest arguments)
#   scripts/test.sh --isolated [-R regex] [-L label]
#                                    every test function in a process of its own, to prove
#                                    that none depends on another
set -euo pipefail

isolated=0
if [[ "${1:-}" == "--isolated" ]]; then
    isolated=1
    shift
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build"

"$root/scripts/install-deps.sh" test

# As root, the package tests include installing and purging the packages with apt-get
# (package_apt_install); otherwise that test is not registered at all.
apt_install=OFF
if [[ $(id -u) -eq 0 ]]; then
    apt_install=ON
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DHALLWAY_TEST_APT_INSTALL="$apt_install" >/dev/null
cmake --build "$build" -j2
# The fuzz tree: hallway-shared and the libFuzzer targets, built with clang, ASan and UBSan.
# The fuzz tests of the main build (label fuzz) run them from here.
cmake -S "$root" -B "$build/fuzz" -G Ninja -DHALLWAY_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++-14 \
    >/dev/null
cmake --build "$build/fuzz" -j2

scratch=$(mktemp -d /tmp/hallway-test.XXXXXX)
pgdir="$scratch/pg"
cleanup() {
    "$root/scripts/pg-throwaway.sh" stop "$pgdir" || true
    rm -rf "$scratch"
}
trap cleanup EXIT INT TERM

chmod 755 "$scratch"
"$root/scripts/pg-throwaway.sh" start "$pgdir"
export HALLWAY_TEST_POSTGRES_URL
HALLWAY_TEST_POSTGRES_URL=$(cat "$pgdir/url")

# Keep the tests away from the real user's files and desktop.
mkdir -p "$scratch/runtime" "$scratch/config" "$scratch/data" "$scratch/cache"
chmod 700 "$scratch/runtime"
export XDG_RUNTIME_DIR="$scratch/runtime" XDG_CONFIG_HOME="$scratch/config"
export XDG_DATA_HOME="$scratch/data" XDG_CACHE_HOME="$scratch/cache"
unset DBUS_SESSION_BUS_ADDRESS DISPLAY

# A PostgreSQL variant that cannot reach the database fails here instead of skipping.
export HALLWAY_TEST_REQUIRE_POSTGRES=1
results="$build/test-results"
mkdir -p "$results"

if ((isolated)); then
    filter=()
    while (($# > 0)); do
        case "$1" in
            -R) filter+=(--regex "${2:?-R needs a regex}"); shift 2 ;;
            -L) filter+=(--label "${2:?-L needs a label}"); shift 2 ;;
            *) echo "--isolated takes -R regex and -L label only" >&2; exit 2 ;;
        esac
    done
    # Not exec: the trap above must still stop PostgreSQL and remove the scratch folder.
    status=0
    python3 "$root/scripts/run-isolated.py" "$build" "${filter[@]}" \
        --junit "$results/isolated.xml" || status=$?
    exit "$status"
fi
if (($# > 0)); then
    ctest --test-dir "$build" --output-on-failure --timeout 600 "$@"
    exit
fi
# Everything: the suites that neither load the machine nor time anything (the two fuzzers run
# a fixed minute each; unit, widget and keychain tests) two at a time; then the rest, with the
# servers, databases, faults and benchmarks they measure, one at a time. Each pass writes a
# JUnit report; ctest prints the time per label after each.
# The whole output of passing tests goes into the reports too (ctest keeps 1 KiB by default),
# so that a function that skipped inside a passing suite is seen.
light="fuzz|unit|gui|keychain"
keep=(--test-output-size-passed 4000000 --test-output-size-failed 4000000)
status=0
ctest --test-dir "$build" --output-on-failure --timeout 600 -j2 -L "$light" "${keep[@]}" \
    --output-junit "$results/light.xml" || status=$?
ctest --test-dir "$build" --output-on-failure --timeout 600 -LE "$light" "${keep[@]}" \
    --output-junit "$results/serial.xml" || status=$?
# Nothing may skip in the full run: a skipped suite is not a passed one.
if ! python3 "$root/scripts/junit-summary.py" "$build" "$results/light.xml" "$results/serial.xml"; then
    status=1
fi
exit "$status"
