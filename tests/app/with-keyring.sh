#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring: a real Secret
# Service for the keychain tests, in a throwaway home so the real user's keyring is untouched.
set -euo pipefail
home=$(mktemp -d /tmp/hallway-keyring.XXXXXX)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache"
export XDG_CONFIG_HOME="$home/config" XDG_RUNTIME_DIR="$home/runtime"
mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# gnome-keyring needs a non-empty password to create and unlock the login keyring headless.
dbus-run-session -- bash -c 'printf %s "hallway-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' bash "$@"
