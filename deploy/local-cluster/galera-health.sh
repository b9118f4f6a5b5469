#!/usr/bin/env bash
# HAProxy's health check of one Galera node, served over HTTP by socat: 200 only when the node
# is Synced (wsrep_local_state_comment) AND in the primary component (wsrep_cluster_status).
# A node that is joining, donating or cut off accepts MySQL connections but must get no traffic:
# outside the primary component it answers every query with ERROR 1047.
# Usage (by socat): galera-health.sh <socket>
socket="$1"
# read the request line and headers so the client sees a clean answer
while IFS= read -r -t 2 line; do
    line="${line%$'\r'}"
    [ -z "$line" ] && break
done
# SHOW STATUS still answers outside the primary component, where other queries get ERROR 1047
status=$(mariadb --no-defaults --protocol=socket --socket="$socket" -uroot -N -B --connect-timeout=2 \
    -e "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_state_comment', 'wsrep_cluster_status')" 2>/dev/null \
    | awk '$1 == "wsrep_local_state_comment" { s = $2 } $1 == "wsrep_cluster_status" { c = $2 } END { if (s != "") print s " " c }')
if [ "$status" = "Synced Primary" ]; then
    body="synced primary"
    printf 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' "${#body}" "$body"
else
    body="not ready: ${status:-no answer}"
    printf 'HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' "${#body}" "$body"
fi
