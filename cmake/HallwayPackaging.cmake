# SPDX-License-Identifier: MIT
# Two Debian packages from one build: `cpack -G DEB` (or `cpack --preset package`) makes
#   hallway_<version>_<arch>.deb         the app and hallway-simulate (component hallway)
#   hallway-server_<version>_<arch>.deb  the server as a systemd service (component hallway-server)
# Dependencies come from dpkg-shlibdeps, plus the plugins Qt loads at run time, which it cannot
# see. docs/operations.md says how to install them; tests/package checks them.

# cpack installs what the build made and builds nothing itself: with a test tree, `all` is
# every test suite, and the package preset builds first anyway (CMakePresets.json).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME hallway)
set(CPACK_PACKAGE_VENDOR "The Hallway developers")
set(CPACK_PACKAGE_CONTACT "Hallway maintainers <maintainers@hallway.example.org>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
# CPackDeb puts CPACK_PACKAGE_DESCRIPTION_SUMMARY in front of each component's description
# unless it is CPack's default; each package's summary is the first line of its description.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_NAME} built using CMake")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://hallway.example.org/")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}/packages")

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL hallway hallway-server)
set(CPACK_COMPONENTS_GROUPING IGNORE)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${CPACK_PACKAGE_HOMEPAGE_URL}")
set(CPACK_DEBIAN_PACKAGE_SOURCE hallway)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

# hallway: the desktop app.
set(CPACK_DEBIAN_HALLWAY_PACKAGE_NAME hallway)
set(CPACK_DEBIAN_HALLWAY_PACKAGE_SECTION net)
set(CPACK_COMPONENT_HALLWAY_DESCRIPTION "desktop app for conference attendees
Hallway shows who is around at a conference right now, lets attendees post
short facts about themselves, follow the community feed, chat one to one,
and propose lightning talks and vote on them while the tallies move live.
Moderators arrange hubs of live widgets, put them on the projector, run the
vote and make announcements.

The app can host a small room itself (SQLite) or join a hallway-server.
hallway-simulate brings a room to life with simulated attendees.")
# Loaded at run time: the SVG icon engine, the windowing plugins, SQLite for a hosted room.
set(CPACK_DEBIAN_HALLWAY_PACKAGE_DEPENDS "libqt6svg6, qt6-qpa-plugins, libqt6sql6-sqlite")
set(CPACK_DEBIAN_HALLWAY_PACKAGE_RECOMMENDS "qt6-translations-l10n")
set(CPACK_DEBIAN_HALLWAY_PACKAGE_SUGGESTS "hallway-server")

# hallway-server: the server as a system service.
set(CPACK_DEBIAN_HALLWAY-SERVER_PACKAGE_NAME hallway-server)
set(CPACK_DEBIAN_HALLWAY-SERVER_PACKAGE_SECTION net)
set(CPACK_COMPONENT_HALLWAY-SERVER_DESCRIPTION "server for Hallway, the conference hallway app
hallway-server runs one Hallway room for an event: presence, facts, chat,
lightning talks, hubs and moderation over WebSocket (ws:// or wss://), with
health, statistics and Prometheus metrics over HTTP.

It stores its data in SQLite (the default of this package, under
/var/lib/hallway) or PostgreSQL, and runs as the systemd service
hallway-server as the system user hallway.")
# The Qt SQL driver of the shipped config (SQLite) is a plugin; PostgreSQL's is suggested.
# systemd-sysusers makes the system user in postinst (as dh_installsysusers would).
set(CPACK_DEBIAN_HALLWAY-SERVER_PACKAGE_DEPENDS
    "libqt6sql6-sqlite, systemd | systemd-standalone-sysusers | systemd-sysusers")
set(CPACK_DEBIAN_HALLWAY-SERVER_PACKAGE_SUGGESTS "libqt6sql6-psql, postgresql, sqlite3")
set(CPACK_DEBIAN_HALLWAY-SERVER_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/resources/debian/hallway-server/conffiles"
    "${PROJECT_SOURCE_DIR}/resources/debian/hallway-server/postinst"
    "${PROJECT_SOURCE_DIR}/resources/debian/hallway-server/prerm"
    "${PROJECT_SOURCE_DIR}/resources/debian/hallway-server/postrm")

include(CPack)
