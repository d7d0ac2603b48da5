#!/usr/bin/env bash
# Sourced by .ci/run: a throwaway PostgreSQL cluster for the store tests, stopped when the run ends.
# Installs PostgreSQL from Debian if it is missing; runs it as the postgres user (when root) on a
# socket in a temporary folder, with no TCP listener; exports VEIVISER_TEST_DATABASE_URL.
if [ -z "${VEIVISER_TEST_DATABASE_URL:-}" ]; then
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    VV_PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    VV_PGTMP=$(mktemp -d /tmp/veiviser-pg.XXXXXX)
    vv_as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
    [ "$(id -u)" = 0 ] && chown postgres "$VV_PGTMP"
    chmod 700 "$VV_PGTMP"
    vv_as_pg "$VV_PGBIN/initdb" -D "$VV_PGTMP/data" -A trust -U postgres --no-sync >/dev/null
    vv_as_pg "$VV_PGBIN/pg_ctl" -D "$VV_PGTMP/data" -l "$VV_PGTMP/log" -w \
        -o "-k $VV_PGTMP -c listen_addresses= -c max_connections=200" start >/dev/null
    export VEIVISER_TEST_DATABASE_URL="postgresql://postgres@/postgres?host=$VV_PGTMP"
    vv_pg_stop() { vv_as_pg "$VV_PGBIN/pg_ctl" -D "$VV_PGTMP/data" -m fast stop >/dev/null 2>&1; rm -rf "$VV_PGTMP"; }
    trap vv_pg_stop EXIT
    echo "PostgreSQL $("$VV_PGBIN/postgres" --version | awk '{print $3}') for the tests: $VV_PGTMP"
fi
