#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks the Debian packages hallway and hallway-server (label `package`, docs/testing.md).

Each step is a ctest test of its own; `build` makes the packages the others check:

    check_packages.py --build-dir build --packages DIR build      cpack -G DEB into DIR
    ...                                                 lintian    no E: tags (W: listed)
    ...                                                 metadata   desktop-file-validate, appstreamcli, icons
    ...                                                 systemd    systemd-analyze verify and security
    ...                                                 contents   files and control fields against tests/package/
    ...                                                 server     the unpacked server starts, answers /healthz, stops
    ...                                                 apt        apt-get install both, check, purge (root only)

A tool that is missing is a failure that names the package to install
(scripts/install-deps.sh test), never a skip. Every wait is bounded and polls for its event.
"""
import argparse
import http.client
import json
import os
import pathlib
import pwd
import queue
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
APP_ID = "org.hallway.Hallway"
ICON_SIZES = [16, 22, 24, 32, 48, 64, 128, 256, 512]
PACKAGES = ["hallway", "hallway-server"]
# Highest `systemd-analyze security` exposure the unit may have, times ten (docs/operations.md).
EXPOSURE_THRESHOLD = 20
TOOLS = {
    "cpack": "cmake", "dpkg-deb": "dpkg", "dpkg-shlibdeps": "dpkg-dev", "file": "file",
    "lintian": "lintian", "desktop-file-validate": "desktop-file-utils",
    "appstreamcli": "appstream", "systemd-analyze": "systemd", "apt-get": "apt",
}


class Failure(Exception):
    pass


def need(*tools):
    for tool in tools:
        if shutil.which(tool) is None:
            raise Failure(f"{tool} is not installed: install the Debian package {TOOLS[tool]} "
                          "(scripts/install-deps.sh test)")


def run(command, check=True, **kwargs):
    print("$", " ".join(str(part) for part in command), flush=True)
    result = subprocess.run([str(part) for part in command], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kwargs)
    if result.stdout:
        print(result.stdout.rstrip(), flush=True)
    if check and result.returncode != 0:
        raise Failure(f"{command[0]} exited with {result.returncode}")
    return result


def deb(packages_dir, name):
    found = sorted(pathlib.Path(packages_dir).glob(f"{name}_*.deb"))
    if len(found) != 1:
        raise Failure(f"expected one {name}_*.deb in {packages_dir}, found {len(found)}: "
                      "did the test package_build pass?")
    return found[0]


def unpack(package, into):
    run(["dpkg-deb", "-x", package, into])
    return pathlib.Path(into)


# --- build -------------------------------------------------------------------------------

def step_build(args):
    need("cpack", "dpkg-shlibdeps", "file")
    out = pathlib.Path(args.packages)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    # cpack builds nothing (CMAKE_SKIP_INSTALL_ALL_DEPENDENCY): it packages this build.
    run(["cpack", "-G", "DEB", "--config", pathlib.Path(args.build_dir) / "CPackConfig.cmake",
         "-B", out])
    for name in PACKAGES:
        print("built", deb(out, name).name)


# --- lintian -----------------------------------------------------------------------------

def step_lintian(args):
    need("lintian")
    debs = [deb(args.packages, name) for name in PACKAGES]
    result = run(["lintian", "--pedantic", "--display-info", "--tag-display-limit", "0", *debs],
                 check=False)
    tags = [line for line in result.stdout.splitlines() if re.match(r"^[EWIPXO]: ", line)]
    errors = [line for line in tags if line.startswith("E: ")]
    warnings = [line for line in tags if line.startswith("W: ")]
    print(f"lintian: {len(errors)} errors, {len(warnings)} warnings "
          "(docs/operations.md says why each warning stays)")
    for line in warnings:
        print("  ", line)
    if errors:
        raise Failure("lintian reports errors:\n" + "\n".join(errors))
    if result.returncode != 0:
        raise Failure(f"lintian exited with {result.returncode}")


# --- metadata ----------------------------------------------------------------------------

def png_size(path):
    with open(path, "rb") as file:
        header = file.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        raise Failure(f"{path} is not a PNG")
    return struct.unpack(">II", header[16:24])


def step_metadata(args):
    need("desktop-file-validate", "appstreamcli", "dpkg-deb")
    with tempfile.TemporaryDirectory(prefix="hallway-deb-") as tmp:
        root = unpack(deb(args.packages, "hallway"), tmp)
        desktop = root / f"usr/share/applications/{APP_ID}.desktop"
        metainfo = root / f"usr/share/metainfo/{APP_ID}.metainfo.xml"
        result = run(["desktop-file-validate", desktop], check=False)
        if result.returncode != 0 or result.stdout.strip():
            raise Failure("desktop-file-validate is not content")
        entry = dict(line.split("=", 1) for line in desktop.read_text().splitlines()
                     if "=" in line and not line.startswith("#"))
        expected = {"Exec": "hallway %u", "Icon": APP_ID,
                    "MimeType": "x-scheme-handler/hallway;x-scheme-handler/hallways;"}
        for key, value in expected.items():
            if entry.get(key) != value:
                raise Failure(f"{desktop.name}: {key}={entry.get(key)!r}, expected {value!r}")
        # Offline (no screenshot download), and warnings count as failures (--strict).
        run(["appstreamcli", "validate", "--no-net", "--strict", metainfo])
        text = metainfo.read_text()
        if f'<release version="{args.version}"' not in text:
            raise Failure(f"{metainfo.name} has no release {args.version}")
        for picture in ["main-window", "chat", "talks", "hubs", "presenter"]:
            if f"/images/{picture}.png</image>" not in text:
                raise Failure(f"{metainfo.name} lacks the README screenshot {picture}.png")
        for size in ICON_SIZES:
            icon = root / f"usr/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
            if png_size(icon) != (size, size):
                raise Failure(f"{icon} is {png_size(icon)}, expected {size}x{size}")
        print(f"desktop entry, AppStream metainfo and {len(ICON_SIZES)} icon sizes are valid")


# --- systemd -----------------------------------------------------------------------------

def step_systemd(args):
    need("systemd-analyze", "dpkg-deb")
    with tempfile.TemporaryDirectory(prefix="hallway-deb-") as tmp:
        root = unpack(deb(args.packages, "hallway-server"), tmp)
        unit = root / "lib/systemd/system/hallway-server.service"
        # verify resolves the unit's dependencies (sysinit.target...) and ExecStart inside
        # --root: the unpacked package beside a copy of this system's units, its man page on
        # MANPATH for Documentation=. Any message, even a warning, fails.
        shutil.copytree("/lib/systemd/system", root / "usr/lib/systemd/system", symlinks=True)
        env = dict(os.environ, MANPATH=str(root / "usr/share/man"), SYSTEMD_LOG_LEVEL="notice")
        result = run(["systemd-analyze", "verify", f"--root={root}", "hallway-server.service"],
                     check=False, env=env)
        if result.returncode != 0 or result.stdout.strip():
            raise Failure("systemd-analyze verify is not content with hallway-server.service")
        for config, kind in [("usr/lib/sysusers.d/hallway-server.conf", "sysusers"),
                             ("usr/lib/tmpfiles.d/hallway-server.conf", "tmpfiles")]:
            if not (root / config).is_file():
                raise Failure(f"no {kind} file {config}")
        # systemd-tmpfiles parses the file (--dry-run needs systemd 254; bookworm has 252).
        run(["systemd-tmpfiles", f"--root={root}", "--cat-config"], check=True)
        result = run(["systemd-analyze", "security", "--offline=yes",
                      f"--threshold={EXPOSURE_THRESHOLD}", unit], check=False)
        score = re.search(r"Overall exposure level for \S+: ([0-9.]+)", result.stdout)
        if result.returncode != 0 or not score:
            raise Failure(f"exposure above {EXPOSURE_THRESHOLD / 10} (docs/operations.md)")
        print(f"systemd-analyze security: exposure {score.group(1)} "
              f"(at most {EXPOSURE_THRESHOLD / 10})")


# --- contents ----------------------------------------------------------------------------

def listing(package):
    """dpkg-deb -c without dates and sizes: 'MODE OWNER PATH' per line, directories included."""
    result = run(["dpkg-deb", "-c", package])
    lines = []
    for line in result.stdout.splitlines():
        parts = line.split(None, 5)
        path = parts[5]
        lines.append(f"{parts[0]} {parts[1]} {path}")
    return lines


def control(package, field):
    return subprocess.run(["dpkg-deb", "-f", str(package), field], text=True, check=True,
                          stdout=subprocess.PIPE).stdout.strip()


def step_contents(args):
    need("dpkg-deb")
    problems = []
    for name in PACKAGES:
        package = deb(args.packages, name)
        expected_file = HERE / f"{name}.contents"
        expected = [line for line in expected_file.read_text().splitlines()
                    if line and not line.startswith("#")]
        actual = listing(package)
        for line in sorted(set(expected) - set(actual)):
            problems.append(f"{name}: missing   {line}")
        for line in sorted(set(actual) - set(expected)):
            problems.append(f"{name}: unexpected {line}")
        version = control(package, "Version")
        if version != f"{args.version}-1":
            problems.append(f"{name}: Version {version}, expected {args.version}-1")
        depends = control(package, "Depends")
        # dpkg-shlibdeps ran: the Qt libraries are there with versions.
        if not re.search(r"libqt6core6 \(>= [0-9.]+\)", depends):
            problems.append(f"{name}: Depends lacks what dpkg-shlibdeps finds: {depends}")
        for field in ["Maintainer", "Homepage", "Section", "Description"]:
            if not control(package, field):
                problems.append(f"{name}: no {field}")
    server = deb(args.packages, "hallway-server")
    conffiles = subprocess.run(["dpkg-deb", "-I", str(server), "conffiles"], text=True,
                               stdout=subprocess.PIPE).stdout.split()
    if conffiles != ["/etc/hallway/hallway-server.conf"]:
        problems.append(f"hallway-server: conffiles are {conffiles}")
    for script in ["postinst", "prerm", "postrm"]:
        if subprocess.run(["dpkg-deb", "-I", str(server), script], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode != 0:
            problems.append(f"hallway-server: no {script}")
    if problems:
        raise Failure("the packages differ from tests/package/*.contents (update those files "
                      "if the change is meant):\n" + "\n".join(problems))
    print("both packages hold exactly the expected files")


# --- server ------------------------------------------------------------------------------

class Server:
    """The unpacked hallway-server; its log lines arrive on a queue read with deadlines."""

    def __init__(self, command):
        print("$", " ".join(str(part) for part in command), flush=True)
        self.process = subprocess.Popen([str(part) for part in command], text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.lines = queue.Queue()
        self.log = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_for(self, pattern, seconds):
        deadline = time.monotonic() + seconds
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise Failure(f"no log line matching {pattern!r} within {seconds} s")
            try:
                line = self.lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                raise Failure(f"the server exited ({self.process.wait()}) before {pattern!r}")
            self.log.append(line)
            print("  server:", line, flush=True)
            match = re.search(pattern, line)
            if match:
                return match

    def drain(self, seconds):
        deadline = time.monotonic() + seconds
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise Failure(f"the server's output did not end within {seconds} s")
            if line is None:
                return
            self.log.append(line)
            print("  server:", line, flush=True)

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def step_server(args):
    need("dpkg-deb")
    with tempfile.TemporaryDirectory(prefix="hallway-deb-") as tmp:
        root = unpack(deb(args.packages, "hallway-server"), pathlib.Path(tmp) / "root")
        config = root / "etc/hallway/hallway-server.conf"
        text = config.read_text()
        for line in ["url = sqlite:/var/lib/hallway/hallway-server.db", "port = 8471"]:
            if f"\n{line}\n" not in text:
                raise Failure(f"the shipped config lacks the line {line!r}")
        # The shipped config unchanged; the command line moves what this machine needs
        # elsewhere: free ports instead of 8470/8471, SQLite in the temporary folder.
        database = pathlib.Path(tmp) / "hallway-server.db"
        server = Server([root / "usr/bin/hallway-server", "--config", config, "--port", "0",
                         "--http-port", "0", "--database", f"sqlite:{database}"])
        try:
            server.wait_for(r"listening on ws://127\.0\.0\.1:\d+", 30)
            # HTTP comes up last, once the database and every service are ready.
            port = int(server.wait_for(r"http listening on http://127\.0\.0\.1:(\d+)", 30).group(1))
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            body = response.read()
            connection.close()
            if response.status != 200:
                raise Failure(f"/healthz answers {response.status}: {body!r}")
            health = json.loads(body)
            print("GET /healthz:", response.status, json.dumps(health))
            if health.get("status") != "ok":
                raise Failure(f"/healthz status {health.get('status')!r}")
            server.process.send_signal(signal.SIGTERM)
            try:
                code = server.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                raise Failure("the server did not stop within 30 s of SIGTERM")
            server.drain(10)
            if code != 0:
                raise Failure(f"the server exited with {code} after SIGTERM")
            if not any(re.search(r"\bstopped\b", line) for line in server.log[-5:]):
                raise Failure("no 'stopped' line at the end of the server's log")
            if not database.is_file():
                raise Failure(f"no database at {database}")
        finally:
            server.kill()
    print("the packaged server started with the shipped config, answered /healthz and stopped")


# --- apt ---------------------------------------------------------------------------------

def installed(name):
    result = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return result.returncode == 0 and "installed" in result.stdout.split()[-1:]


def step_apt(args):
    need("apt-get", "dpkg-deb")
    if os.geteuid() != 0:
        raise Failure("the apt step installs packages and needs root; it is registered only "
                      "with -DHALLWAY_TEST_APT_INSTALL=ON (scripts/test.sh sets it as root)")
    for name in PACKAGES:
        if installed(name):
            raise Failure(f"{name} is installed on this machine already; this test would purge "
                          "it. Remove it first (apt-get purge hallway hallway-server)")
    if pathlib.Path("/var/lib/hallway").exists():
        raise Failure("/var/lib/hallway exists already; this test would purge it")
    apt = ["apt-get", "-y", "-q", "-o", "DPkg::Lock::Timeout=300"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    debs = [f"./{deb(args.packages, name).name}" for name in PACKAGES]
    try:
        run([*apt, "install", *debs], cwd=args.packages, env=env)
        problems = []
        for name in PACKAGES:
            if not installed(name):
                problems.append(f"{name} is not installed")
        for path in ["/usr/bin/hallway", "/usr/bin/hallway-simulate", "/usr/bin/hallway-server",
                     f"/usr/share/applications/{APP_ID}.desktop",
                     "/lib/systemd/system/hallway-server.service"]:
            if not pathlib.Path(path).exists():
                problems.append(f"{path} is missing")
        try:
            user = pwd.getpwnam("hallway")
            if user.pw_dir != "/var/lib/hallway" or user.pw_shell != "/usr/sbin/nologin":
                problems.append(f"the user hallway is {user}")
        except KeyError:
            problems.append("postinst did not make the system user hallway")
        state = pathlib.Path("/var/lib/hallway")
        if not state.is_dir() or pwd.getpwuid(state.stat().st_uid).pw_name != "hallway":
            problems.append("/var/lib/hallway is not a directory owned by hallway")
        conf = pathlib.Path("/etc/hallway/hallway-server.conf").stat()
        if (conf.st_mode & 0o777) != 0o640 or conf.st_uid != 0:
            problems.append(f"/etc/hallway/hallway-server.conf has mode {oct(conf.st_mode)}")
        run(["hallway-server", "--version"])
        if problems:
            raise Failure("after apt-get install:\n" + "\n".join(problems))
    finally:
        run([*apt, "purge", *PACKAGES], env=env, check=False)
    leftovers = [name for name in PACKAGES if installed(name)]
    leftovers += [path for path in ["/usr/bin/hallway", "/usr/bin/hallway-server", "/etc/hallway",
                                    "/var/lib/hallway", "/lib/systemd/system/hallway-server.service",
                                    "/etc/systemd/system/multi-user.target.wants/hallway-server.service"]
                  if pathlib.Path(path).exists()]
    if leftovers:
        raise Failure(f"left after apt-get purge: {leftovers}")
    print("apt-get installed both packages (user, state directory, config) and purged them; "
          "the system user hallway stays, as Debian keeps system users")


STEPS = {"build": step_build, "lintian": step_lintian, "metadata": step_metadata,
         "systemd": step_systemd, "contents": step_contents, "server": step_server,
         "apt": step_apt}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True, help="the CMake build tree to package")
    parser.add_argument("--packages", required=True, help="where the .deb files go / are")
    parser.add_argument("--version", required=True, help="the project version")
    parser.add_argument("step", choices=sorted(STEPS))
    args = parser.parse_args()
    args.packages = str(pathlib.Path(args.packages).resolve())
    try:
        STEPS[args.step](args)
    except Failure as failure:
        print(f"FAIL ({args.step}): {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
