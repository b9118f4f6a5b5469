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
status=$(mariadb --no-defaults --protocol=socket --socket="$socket" -uroot -N -B --connect-timeout=2 -e \
    "SELECT MAX(IF(VARIABLE_NAME='WSREP_LOCAL_STATE_COMMENT', VARIABLE_VALUE, NULL)),
            MAX(IF(VARIABLE_NAME='WSREP_CLUSTER_STATUS', VARIABLE_VALUE, NULL))
       FROM information_schema.GLOBAL_STATUS
      WHERE VARIABLE_NAME IN ('WSREP_LOCAL_STATE_COMMENT', 'WSREP_CLUSTER_STATUS')" 2>/dev/null | tr '\t' ' ')
if [ "$status" = "Synced Primary" ]; then
    body="synced primary"
    printf 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' "${#body}" "$body"
else
    body="not ready: ${status:-no answer}"
    printf 'HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' "${#body}" "$body"
fi
