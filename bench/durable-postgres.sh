# Sourced by the benchmarks: a throwaway PostgreSQL (scripts/throwaway-postgres.sh) made durable
# again. The throwaway server is made for tests and turns fsync off; a benchmark pays for one WAL
# flush per commit, as a production server would, so fsync, synchronous_commit and
# full_page_writes are turned back on before anything is measured.

# Starts it in DIR and prints its URL once the new settings hold.
durable_postgres_start() {
    local dir=$1 bindir url
    bindir=$(pg_config --bindir)
    scripts/throwaway-postgres.sh start "$dir" >/dev/null
    url=$(<"$dir/url")
    "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -d "$url" -c "ALTER SYSTEM SET fsync = on" \
        -c "ALTER SYSTEM SET synchronous_commit = on" -c "ALTER SYSTEM SET full_page_writes = on" \
        -c "SELECT pg_reload_conf()" >/dev/null
    # The reload is a signal: new sessions see it once the postmaster has handled it.
    local attempt
    for attempt in $(seq 1 50); do
        [[ $("$bindir/psql" -X -At -d "$url" -c "SHOW fsync" -c "SHOW synchronous_commit" -c "SHOW full_page_writes") \
            == $'on\non\non' ]] && break
        ((attempt < 50)) || { echo "durable-postgres: the server kept its durability settings off" >&2; return 1; }
        sleep 0.1
    done
    echo "$url"
}

durable_postgres_stop() {  # DIR
    scripts/throwaway-postgres.sh stop "$1" >/dev/null 2>&1 || true
}

# For a script that keeps one server for its whole run: starts it in a new temporary folder, $work
# (the server stopped and the folder removed on exit), and sets $url.
durable_postgres_for_this_run() {
    work=$(mktemp -d)
    trap 'durable_postgres_stop "$work/pg"; rm -rf -- "$work"' EXIT
    url=$(durable_postgres_start "$work/pg")
}

# The URL of database NAME on the same server, as the same user.
database_url() {
    local base=${url%%\?*} query=${url#*\?}
    printf '%s/%s?%s' "${base%/*}" "$1" "$query"
}

# psql on $url, stopping at the first error.
durable_psql() { "$(pg_config --bindir)/psql" -X -q -v ON_ERROR_STOP=1 -d "$url" "$@"; }
