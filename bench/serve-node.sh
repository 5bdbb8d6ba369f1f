# Sourced by the benchmarks that drive a real server: `seminarflow serve` ($binary) on a free
# loopback port, started and stopped. The caller's EXIT trap stops one still running (server_pid).
server_pid="" api=""

# DATABASE_URL LOG [SERVE_OPTIONS...]: starts it, logging to LOG, and sets server_pid and api,
# its base URL, once it listens.
start_server() {
    local url=$1 log=$2 port=""
    SEMINARFLOW_LISTEN=127.0.0.1:0 SEMINARFLOW_DATABASE_URL="$url" "$binary" serve "${@:3}" >"$log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 300); do
        port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$log" | grep -o '[0-9]*$' || true)
        [[ -n $port ]] && break
        sleep 0.1
    done
    [[ -n $port ]] || { cat "$log" >&2; exit 1; }
    api="http://127.0.0.1:$port"
}

stop_server() {
    [[ -n $server_pid ]] || return 0
    kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    server_pid=""
}
