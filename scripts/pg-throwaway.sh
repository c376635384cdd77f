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
#   pg-throwaway.sh standby DIR PRIMARY_DIR
#                               a synchronous streaming standby of the cluster in PRIMARY_DIR:
#                               a commit there returns once the standby has it
#   pg-throwaway.sh take-over DIR PRIMARY_DIR
#                               failover: the standby in DIR becomes the primary at the
#                               address of PRIMARY_DIR (halted before), as a virtual address
#                               or DNS name would move
set -euo pipefail

usage="usage: pg-throwaway.sh start|stop|halt|resume|standby|take-over DIR [PRIMARY_DIR]"
command=${1:?$usage}
# Absolute: the server runs elsewhere and takes the socket folder as given.
dir=$(realpath -m "${2:?$usage}")
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
port=5432 # only names the socket file inside DIR; nothing listens on TCP

as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# Starts the cluster in DIR with its socket in the folder given (DIR by default).
start_server() {
    local socket_dir=${1:-$dir}
    as_postgres "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses='' -p $port -k $socket_dir $(cat "$dir/options")" start >/dev/null
}

as_superuser() {
    local socket_dir=$1
    shift
    as_postgres "$pgbin/psql" -h "$socket_dir" -p "$port" -U postgres -X -v ON_ERROR_STOP=1 -qAt "$@"
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
standby)
    primary=$(realpath -m "${3:?$usage}")
    mkdir -p "$dir"
    chmod 700 "$dir"
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres:postgres "$dir"
    fi
    as_postgres "$pgbin/pg_basebackup" -h "$primary" -p "$port" -U postgres -D "$dir/data" -R \
        -X stream --no-sync --checkpoint=fast -d "application_name=standby"
    cp "$primary/options" "$dir/options"
    start_server
    as_superuser "$primary" -c "ALTER SYSTEM SET synchronous_standby_names = 'standby'" \
        -c "SELECT pg_reload_conf()" >/dev/null
    for _ in $(seq 100); do
        state=$(as_superuser "$primary" -c \
            "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby'")
        [[ $state == sync ]] && exit 0
        sleep 0.1
    done
    echo "the standby in $dir did not become synchronous" >&2
    exit 1
    ;;
take-over)
    primary=$(realpath -m "${3:?$usage}")
    as_postgres "$pgbin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null
    start_server "$primary"
    as_postgres "$pgbin/pg_ctl" -D "$dir/data" -w -t 60 promote >/dev/null
    ;;
*)
    echo "$usage" >&2
    exit 2
    ;;
esac
