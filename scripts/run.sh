#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the Hallway app (Release, in build/) and starts it. On first start it offers to host a
# room on this computer (SQLite in the app's data folder) or to join a server.
# Arguments go to the app, e.g. `scripts/run.sh --lang de`.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build"

"$root/scripts/install-deps.sh" build

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
# Only what it starts: the app, with the server core it hosts rooms with (scripts/test.sh
# builds everything, tests included).
cmake --build "$build" -j2 --target hallway

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
    echo "No display found: set DISPLAY (or run under xvfb-run) to see the window." >&2
fi
exec "$build/app/hallway" "$@"
