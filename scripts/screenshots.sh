#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Makes the pictures in docs/images from the tests that build and check their scenes
# (tst_pictures, tst_hubpanel, tst_presenterview), on a 1920 x 1080 virtual display with
# real window decorations. Needs a build (scripts/test.sh or scripts/run.sh made one).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build"
images="$root/docs/images"

"$root/scripts/install-deps.sh" test # Xvfb
cmake --build "$build" -j2 --target tst_pictures tst_hubpanel tst_presenterview hallway_lrelease

shot() {
    QT_QPA_PLATFORM=xcb DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/hallway-no-bus \
        HALLWAY_QM_DIR="$build/app" \
        xvfb-run -a -s '-screen 0 1920x1080x24' "$@"
}

# main-window.png, chat.png and talks.png
HALLWAY_SCREENSHOT_DIR="$images" shot "$build/tests/gui/tst_pictures"
HALLWAY_HUB_SCREENSHOT="$images/hubs.png" shot "$build/tests/gui/tst_hubpanel"
HALLWAY_PRESENTER_SCREENSHOT="$images/presenter.png" shot "$build/tests/gui/tst_presenterview"
echo "Pictures written to $images"
