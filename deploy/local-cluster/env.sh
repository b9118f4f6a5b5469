# Shared settings of the local cluster scripts; sourced, not run.
# Everything listens on 127.0.0.1 only. Ports are PORT_BASE + an offset, so a second copy of the
# cluster (or another engineer's) can run beside this one with another TILLSYNC_CLUSTER_PORT_BASE.

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
RUN="${TILLSYNC_CLUSTER_DIR:-$HERE/run}"
PORT_BASE="${TILLSYNC_CLUSTER_PORT_BASE:-24000}"
DB_NODES=3
APP_NODES="${TILLSYNC_CLUSTER_APP_NODES:-2}"
DB_NAME=tillsync
DB_USER=tillsync
DB_PASSWORD="${TILLSYNC_CLUSTER_DB_PASSWORD:-tillsync-local-cluster}"

db_port()     { echo $((PORT_BASE + $1)); }        # MariaDB client port       24001..24003
gcomm_port()  { echo $((PORT_BASE + 10 + $1)); }   # Galera group communication 24011..
ist_port()    { echo $((PORT_BASE + 20 + $1)); }   # incremental state transfer 24021..
sst_port()    { echo $((PORT_BASE + 30 + $1)); }   # full state transfer (mariabackup) 24031..
check_port()  { echo $((PORT_BASE + 40 + $1)); }   # "Synced + Primary" HTTP check for HAProxy 24041..
LB_DB_PORT=$((PORT_BASE + 50))                      # HAProxy's MySQL frontend (the single writer)
LB_STATS_PORT=$((PORT_BASE + 51))
LB_HTTP_PORT=$((PORT_BASE + 80))                    # HAProxy's HTTP frontend (the app nodes)
app_port()    { echo $((PORT_BASE + 60 + $1)); }   # Tillsync nodes 24061, 24062

node_dir()    { echo "$RUN/db$1"; }
socket_of()   { echo "$RUN/db$1/mysqld.sock"; }

pid_alive()   { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }
read_pid()    { [ -f "$1" ] && cat "$1" 2>/dev/null; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A statement on one node over its socket (as root, who has no password on this local trial cluster).
sql_on() {
    local n=$1; shift
    mariadb --no-defaults --protocol=socket --socket="$(socket_of "$n")" -uroot -N -B -e "$*"
}
