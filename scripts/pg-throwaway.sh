#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A throwaway PostgreSQL 15 cluster for tests, owned by the unprivileged `postgres` user and
# reachable only through a unix socket in DIR.
#   pg-throwaway.sh start DIR [durable]
#                               initdb + start; writes the connection URL to DIR/url. With
#                               durable, a commit waits for its WAL write (for tests that
#                               halt the cluster and count what survived)
#   pg-throwaway.sh stop DIR    stops the cluster and removes DIR
#   pg-throwaway.sh halt DIR    stops it as a crash would (-m immediate), keeping DIR
#   pg-throwaway.sh resume DIR  starts a halted cluster again (recovery, then connections)
set -euo pipefail

command=${1:?usage: pg-throwaway.sh start|stop|halt|resume DIR}
dir=${2:?usage: pg-throwaway.sh start|stop|halt|resume DIR}
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
port=5432 # only names the socket file inside DIR; nothing listens on TCP

as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start_server() {
    as_postgres "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses='' -p $port -k $dir $(cat "$dir/options")" start >/dev/null
}

case "$command" in
start)
    [[ -x "$pgbin/initdb" ]] || { echo "PostgreSQL server binaries not found" >&2; exit 1; }
    mkdir -p "$dir"
    chmod 700 "$dir"
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres:postgres "$dir"
    fi
    as_postgres "$pgbin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$dir/initdb.log"
    # Durability settings off: this cluster lives for one test run. fsync=off loses nothing
    # in a halt (the operating system keeps what PostgreSQL wrote); synchronous_commit=off
    # would lose the last commits, so a durable cluster keeps it on.
    synchronous_commit=off
    [[ ${3:-} == durable ]] && synchronous_commit=on
    echo "-c fsync=off -c synchronous_commit=$synchronous_commit -c full_page_writes=off -c max_connections=200" >"$dir/options"
    start_server
    as_postgres "$pgbin/psql" -h "$dir" -p "$port" -U postgres -v ON_ERROR_STOP=1 -q \
        -c "CREATE ROLE hallway LOGIN CREATEDB" -c "CREATE DATABASE hallway OWNER hallway"
    echo "postgres://hallway@/hallway?host=$dir&port=$port" >"$dir/url"
    ;;
stop)
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        as_postgres "$pgbin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
halt)
    as_postgres "$pgbin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null
    ;;
resume)
    start_server
    ;;
*)
    echo "usage: pg-throwaway.sh start|stop|halt|resume DIR" >&2
    exit 2
    ;;
esac
