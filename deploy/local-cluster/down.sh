#!/usr/bin/env bash
# Stops what up.sh started: the Tillsync nodes, HAProxy, the health checks, then the Galera nodes
# last to first, so db1 stops last and may bootstrap the next start (safe_to_bootstrap: 1).
# Whatever is left afterwards and still runs from this cluster's folder is killed.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

stop_pid() { # pidfile, seconds to wait after SIGTERM
    local pid
    pid=$(read_pid "$1")
    pid_alive "$pid" || { rm -f "$1"; return 0; }
    kill -TERM "$pid" 2>/dev/null
    local deadline=$((SECONDS + $2))
    while pid_alive "$pid" && [ $SECONDS -lt $deadline ]; do sleep 0.5; done
    if pid_alive "$pid"; then
        echo "down: $1 ($pid) did not stop in $2 s, killing it" >&2
        kill -KILL "$pid" 2>/dev/null
    fi
    rm -f "$1"
}

[ -d "$RUN" ] || exit 0
for dir in "$RUN"/app*; do
    [ -f "$dir/app.pid" ] && stop_pid "$dir/app.pid" 30
done
[ -f "$RUN/haproxy.pid" ] && stop_pid "$RUN/haproxy.pid" 10
for n in $(seq $DB_NODES -1 1); do
    [ -f "$(node_dir "$n")/check.pid" ] && stop_pid "$(node_dir "$n")/check.pid" 5
done
for n in $(seq $DB_NODES -1 1); do
    [ -f "$(node_dir "$n")/server.pid" ] && stop_pid "$(node_dir "$n")/server.pid" 90
done

# leftovers: processes whose command line names this cluster's folder (an SST's rsync daemon,
# a check that was forked, a node started by hand)
for proc in /proc/[0-9]*; do
    pid=${proc#/proc/}
    [ "$pid" = $$ ] && continue
    cmd=$({ tr "\0" " " < "$proc/cmdline"; } 2>/dev/null) || continue
    if [[ "$cmd" == *"$RUN/"* ]]; then
        echo "down: killing leftover $pid: ${cmd:0:120}" >&2
        kill -KILL "$pid" 2>/dev/null
    fi
done
exit 0
