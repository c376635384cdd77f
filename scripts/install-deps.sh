#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian 12 packages Hallway needs, skipping apt entirely when all are there.
#   install-deps.sh build   what building and running the app and server need
#   install-deps.sh test    the above plus PostgreSQL, D-Bus, gnome-keyring and Xvfb for tests,
#                           clang with libFuzzer for the fuzz tree, and what builds and checks
#                           the Debian packages (dpkg-shlibdeps, lintian, appstreamcli...)
set -euo pipefail

build_packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-websockets-dev qt6-httpserver-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-translations-l10n libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 qt6-qpa-plugins
    qt6-svg-dev qtkeychain-qt6-dev libsodium-dev libgl-dev libxkbcommon-dev
)
test_packages=(
    postgresql dbus dbus-x11 gnome-keyring xvfb xauth openssl
    clang-14 libclang-rt-14-dev python3
    dpkg-dev file lintian desktop-file-utils appstream systemd
)

packages=("${build_packages[@]}")
if [[ "${1:-build}" == "test" ]]; then
    packages+=("${test_packages[@]}")
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
    echo "Missing Debian packages: ${missing[*]}" >&2
    echo "Run this script as root, or install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
echo "Installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
