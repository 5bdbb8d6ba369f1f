#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests (the store suite runs it as a ctest fixture).
#
#   throwaway-postgres.sh start DIR   fresh cluster on a free 127.0.0.1 port; the URL of an empty
#                                     database is written to DIR/url
#   throwaway-postgres.sh stop DIR    stops that server and removes DIR and the cluster
#
# The cluster itself lives in a new folder under $TMPDIR (default /tmp), named in DIR/cluster:
# DIR is usually inside a checkout, and a checkout may sit below a folder the `postgres` user
# cannot enter (mktemp -d makes such folders), while /tmp is open to every user.
#
# PostgreSQL refuses to run as root, so when we are root the cluster belongs to the `postgres`
# user (DIR is chowned to it and every server command goes through runuser); any other user
# simply owns the cluster. Speed beats durability here: fsync is off.
set -euo pipefail
export LC_ALL=C

readonly marker=.throwaway-postgres
readonly superuser=seminarflow
readonly database=seminarflow_test

die() { echo "throwaway-postgres: $*" >&2; exit 1; }

[[ $# -eq 2 && ( $1 == start || $1 == stop ) ]] || { echo "usage: $0 start DIR | stop DIR" >&2; exit 2; }
command=$1
dir=$(realpath -m -- "$2")
bindir=${PG_BINDIR:-$(pg_config --bindir 2>/dev/null || true)}

if [[ $EUID -eq 0 ]]; then
    owner=postgres
    as_owner() { runuser -u "$owner" -- "$@"; }
else
    owner=$(id -un)
    as_owner() { "$@"; }
fi
# Every path below is absolute; the owner may not be allowed into our working directory.
cd /

# Percent-encodes a URL component (RFC 3986 unreserved characters stay as they are).
url_encode() {
    local text=$1 encoded='' char i
    for ((i = 0; i < ${#text}; i++)); do
        char=${text:i:1}
        case $char in
            [a-zA-Z0-9._~-]) encoded+=$char ;;
            *) printf -v char '%%%02X' "'$char"; encoded+=$char ;;
        esac
    done
    printf '%s' "$encoded"
}

port_in_use() {
    local hex
    hex=$(printf '%04X' "$1")
    # Local address column of /proc/net/tcp{,6}; state 0A is LISTEN.
    grep -qsE "^ *[0-9]+: [0-9A-F]+:$hex [0-9A-F]+:[0-9A-F]+ 0A " /proc/net/tcp /proc/net/tcp6
}

# The cluster's folder, once start has made it.
cluster=""
read_cluster() {
    cluster=""
    [[ -s $dir/cluster ]] && cluster=$(<"$dir/cluster")
    return 0
}

server_running() {
    [[ -n $cluster && -f $cluster/data/postmaster.pid ]] \
        && as_owner "$bindir/pg_ctl" -D "$cluster/data" status >/dev/null 2>&1
}

require_server_binaries() {
    [[ -x $bindir/pg_ctl && -x $bindir/initdb ]] \
        || die "no initdb/pg_ctl in '$bindir' (install the PostgreSQL server, or set PG_BINDIR)"
}

stop_server() {
    [[ -d $dir ]] || return 0
    [[ -e $dir/$marker ]] || die "$dir was not made by this script; refusing to touch it"
    require_server_binaries
    read_cluster
    if server_running; then
        as_owner "$bindir/pg_ctl" -D "$cluster/data" stop -m fast -w -t 60 -s \
            || as_owner "$bindir/pg_ctl" -D "$cluster/data" stop -m immediate -w -t 60 -s
    fi
    [[ -n $cluster && -e $cluster/$marker ]] && rm -rf -- "$cluster"
    rm -rf -- "$dir"
}

show_logs() {
    local log
    for log in "$cluster/initdb.log" "$cluster/server.log"; do
        [[ -s $log ]] && { echo "--- $log" >&2; tail -n 40 -- "$log" >&2; }
    done
    return 0
}

start_server() {
    require_server_binaries
    if [[ -e $dir/$marker ]]; then
        stop_server  # left over by a run that was killed before its cleanup
    elif [[ -d $dir && -n $(ls -A -- "$dir") ]]; then
        die "$dir exists and is not empty; give a fresh directory"
    fi
    umask 077
    mkdir -p -- "$dir"
    touch -- "$dir/$marker"
    cluster=$(mktemp -d "${TMPDIR:-/tmp}/seminarflow-pg.XXXXXX")
    touch -- "$cluster/$marker"
    printf '%s\n' "$cluster" >"$dir/cluster"
    # The socket path must fit in sun_path (108 bytes) with "/.s.PGSQL.NNNNN" after it.
    local socket_dir=$cluster/socket
    ((${#socket_dir} <= 90)) || die "$socket_dir is too long for a unix socket path; set a shorter TMPDIR"
    mkdir -p -- "$socket_dir"
    # From here on a failure removes what was made, and says why.
    trap 'status=$?; show_logs; stop_server; exit $status' EXIT
    if [[ $EUID -eq 0 ]]; then
        chown -R "$owner:" -- "$cluster"
        as_owner test -w "$cluster" \
            || die "user $owner cannot write to $cluster (is a parent directory closed to it? set TMPDIR)"
    fi

    # A password with URL-reserved characters, so every client exercises percent-decoding.
    local password
    password="p@ss:w/rd%$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    printf '%s\n' "$password" | as_owner tee "$cluster/pwfile" >/dev/null
    # Over TCP a password is required; the unix socket lives in DIR (mode 0700), so only its owner
    # reaches it, and trust there is what lets this script create the database without one.
    as_owner "$bindir/initdb" -D "$cluster/data" -U "$superuser" --pwfile="$cluster/pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C --no-sync \
        >"$cluster/initdb.log" 2>&1 || die "initdb failed"
    rm -f -- "$cluster/pwfile"
    as_owner tee -a "$cluster/data/postgresql.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '${socket_dir//\'/\'\'}'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

    # A port free now may be taken before the server binds it: retry on "address in use".
    local port attempt
    for attempt in $(seq 1 20); do
        port=$((20000 + RANDOM % 30000))
        port_in_use "$port" && continue
        if as_owner "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -o "-p $port" \
            -w -t 60 -s start >/dev/null 2>&1; then
            break
        fi
        grep -qs "Address already in use" "$cluster/server.log" || die "the server did not start"
        port=''
    done
    [[ -n $port ]] || die "found no free port after $attempt attempts"

    as_owner "$bindir/createdb" -h "$socket_dir" -p "$port" -U "$superuser" "$database" \
        || die "createdb failed"
    printf 'postgresql://%s:%s@127.0.0.1:%s/%s?sslmode=disable&application_name=seminarflow-tests\n' \
        "$superuser" "$(url_encode "$password")" "$port" "$database" >"$dir/url.tmp"
    mv -- "$dir/url.tmp" "$dir/url"
    trap - EXIT
    echo "throwaway-postgres: server on 127.0.0.1:$port (cluster in $cluster, URL in $dir/url)"
}

case $command in
    start) start_server ;;
    stop) stop_server ;;
esac
