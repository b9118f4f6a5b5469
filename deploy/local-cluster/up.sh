#!/usr/bin/env bash
# Starts, on this machine and on 127.0.0.1 only, a 3-node MariaDB Galera cluster, a "Synced +
# Primary" health check per node, HAProxy (one writer, the other nodes as backups; sticky
# back-office sessions) and 2 Tillsync nodes behind it. Waits until all of it is ready, then
# prints one line per process, "<role> <name> <pid> <port>", and last "url <base URL>".
#
#   deploy/local-cluster/up.sh            everything
#   deploy/local-cluster/up.sh --db-only  the Galera nodes, their checks and HAProxy's MySQL frontend
#   deploy/local-cluster/up.sh --no-apps  all but the Tillsync nodes: HAProxy waits for them on their
#                                         ports (app_port in env.sh), e.g. for a test that starts them
#
# Environment: TILLSYNC_ADMIN_PASSWORD (the back-office admin of a new database),
# TILLSYNC_CLUSTER_DIR (data and logs; default deploy/local-cluster/run), TILLSYNC_CLUSTER_PORT_BASE
# (default 24000), TILLSYNC_CLUSTER_FRESH=1 (wipe the data first), TILLSYNC_DEMO_DATA (default true).
# Stop it all with down.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

DB_ONLY=false
START_APPS=true
[ "${1:-}" = "--db-only" ] && DB_ONLY=true && START_APPS=false
[ "${1:-}" = "--no-apps" ] && START_APPS=false

log() { echo "up: $*" >&2; }
die() { echo "up: $*" >&2; exit 1; }

install_missing() {
    local need=()
    [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
    command -v mariadb >/dev/null || need+=(mariadb-client)
    [ -f /usr/lib/galera/libgalera_smm.so ] || need+=(galera-4)
    command -v mariadb-backup >/dev/null || need+=(mariadb-backup)
    [ -x /usr/sbin/haproxy ] || need+=(haproxy)
    command -v socat >/dev/null || need+=(socat)
    command -v rsync >/dev/null || need+=(rsync)
    command -v curl >/dev/null || need+=(curl)
    command -v ss >/dev/null || need+=(iproute2)
    if [ ${#need[@]} -gt 0 ]; then
        log "installing ${need[*]}"
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo=sudo
        $sudo apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
    fi
}

wait_for() { # seconds, description, command...
    local deadline=$((SECONDS + $1)) what=$2
    shift 2
    until "$@"; do
        [ $SECONDS -lt $deadline ] || die "timed out waiting for $what (logs in $RUN)"
        sleep 1
    done
}

node_state() {
    sql_on "$1" "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_state_comment', 'wsrep_cluster_status')" 2>/dev/null \
        | awk '$1 == "wsrep_local_state_comment" { s = $2 } $1 == "wsrep_cluster_status" { c = $2 } END { if (s != "") print s " " c }'
}
node_synced() {
    pid_alive "$(read_pid "$(node_dir "$1")/server.pid")" || die "db$1 stopped (see $(node_dir "$1")/error.log)"
    [ "$(node_state "$1")" = "Synced Primary" ]
}

write_node_config() {
    local n=$1 dir
    dir=$(node_dir "$n")
    local peers="" i donor=db3
    # a donor leaves "Synced" while it copies, and HAProxy stops writing to it: let the node least
    # likely to be the writer give the state to a rejoining node (the trailing comma allows any other)
    [ "$n" -eq 3 ] && donor=db2
    for i in $(seq 1 $DB_NODES); do peers="${peers:+$peers,}127.0.0.1:$(gcomm_port "$i")"; done
    cat > "$dir/my.cnf" <<EOF
[mysqld]
datadir=$dir/data
socket=$(socket_of "$n")
pid-file=$dir/mysqld.pid
log-error=$dir/error.log
port=$(db_port "$n")
bind-address=127.0.0.1
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
max_connections=120
performance_schema=OFF
# small: three of these share a laptop-sized machine with the app nodes
innodb_buffer_pool_size=64M
innodb_log_file_size=32M
# what Galera needs, and what keeps a commit durable on each node
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_flush_log_at_trx_commit=1
# a read waits until this node has applied everything committed before it (no stale reads)
wsrep_sync_wait=1
wsrep_on=ON
wsrep_provider=/usr/lib/galera/libgalera_smm.so
wsrep_cluster_name=tillsync-local-$PORT_BASE
wsrep_cluster_address=gcomm://$peers
wsrep_node_name=db$n
wsrep_node_address=127.0.0.1:$(gcomm_port "$n")
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$(gcomm_port "$n");ist.recv_addr=127.0.0.1:$(ist_port "$n");gcache.size=64M"
# mariabackup: the donor keeps serving while it copies (rsync would block it)
wsrep_sst_method=mariabackup
wsrep_sst_auth=root:
wsrep_sst_receive_address=127.0.0.1:$(sst_port "$n")
wsrep_sst_donor=$donor,
wsrep_slave_threads=2
EOF
}

start_node() { # n, extra args
    local n=$1 dir
    shift
    dir=$(node_dir "$n")
    local as_root=()
    [ "$(id -u)" -eq 0 ] && as_root=(--user=root)
    # --defaults-file must come first; the SST scripts read the same file
    setsid /usr/sbin/mariadbd --defaults-file="$dir/my.cnf" "${as_root[@]}" "$@" >>"$dir/console.log" 2>&1 < /dev/null &
    echo $! > "$dir/server.pid"
}

start_check() {
    local n=$1 dir
    dir=$(node_dir "$n")
    port_open "$(check_port "$n")" && die "port $(check_port "$n") is taken"
    setsid socat "TCP-LISTEN:$(check_port "$n"),bind=127.0.0.1,reuseaddr,fork" \
        "EXEC:$HERE/galera-health.sh $(socket_of "$n")" >>"$dir/check.log" 2>&1 < /dev/null &
    echo $! > "$dir/check.pid"
}

write_haproxy_config() {
    local cfg="$RUN/haproxy.cfg" i
    {
        cat <<EOF
global
    maxconn 4000
    pidfile $RUN/haproxy.pid
    stats socket $RUN/haproxy.sock mode 600 level admin

defaults
    timeout connect 3s
    # longer than the connection pool keeps a connection (HikariCP max-lifetime, 30 min)
    timeout client 1h
    timeout server 1h

# All database traffic goes to ONE Galera node at a time: the others are backups that take over
# only when it is not "Synced + Primary". When it comes back, sessions on the backup are closed,
# so there are never two writers for long.
frontend mysql
    mode tcp
    bind 127.0.0.1:$LB_DB_PORT
    default_backend galera_writer

backend galera_writer
    mode tcp
    option httpchk GET /
    http-check expect status 200
    # a node that refuses connections (killed) is marked down at the first refusal, not after two checks
    default-server inter 1s fall 2 rise 3 on-marked-down shutdown-sessions observe layer4 error-limit 1 on-error mark-down
EOF
        for i in $(seq 1 $DB_NODES); do
            if [ "$i" -eq 1 ]; then
                echo "    server db$i 127.0.0.1:$(db_port "$i") check port $(check_port "$i") on-marked-up shutdown-backup-sessions"
            else
                echo "    server db$i 127.0.0.1:$(db_port "$i") check port $(check_port "$i") backup"
            fi
        done
        cat <<EOF

listen stats
    mode http
    bind 127.0.0.1:$LB_STATS_PORT
    stats enable
    stats uri /
    stats refresh 5s
    # Prometheus: haproxy_server_status, haproxy_backend_active_servers, ...
    http-request use-service prometheus-exporter if { path /metrics }
EOF
        if ! $DB_ONLY; then
            cat <<EOF

frontend http
    mode http
    bind 127.0.0.1:$LB_HTTP_PORT
    timeout client 1h
    # the app sees the real client (login throttling by address); a client cannot pose as another
    http-request del-header X-Forwarded-For
    option forwardfor
    default_backend tillsync

backend tillsync
    mode http
    balance roundrobin
    # Vaadin keeps a back-office session's UI state on one node: page requests and the push
    # WebSocket must reach that node; tills (stateless) ignore the cookie and are spread
    cookie TSNODE insert indirect nocache httponly
    option httpchk GET /actuator/health/readiness
    http-check expect status 200
    timeout server 1h
    timeout tunnel 1h
    default-server inter 2s fall 2 rise 2
EOF
            for i in $(seq 1 "$APP_NODES"); do
                echo "    server app$i 127.0.0.1:$(app_port "$i") check cookie app$i"
            done
        fi
    } > "$cfg"
    /usr/sbin/haproxy -c -q -f "$cfg" >&2 || die "HAProxy configuration is not valid ($cfg)"
}

haproxy_server_up() { # backend server
    echo "show servers state $1" | socat - "UNIX-CONNECT:$RUN/haproxy.sock" 2>/dev/null \
        | awk -v s="$2" '$4 == s { print $6 }' | grep -qx 2
}

app_ready() {
    pid_alive "$(read_pid "$RUN/app$2/app.pid")" || die "app$2 stopped (see $RUN/app$2/app.log)"
    curl -sf -o /dev/null "http://127.0.0.1:$1/actuator/health/readiness"; }

start_app() {
    local n=$1 dir="$RUN/app$1"
    mkdir -p "$dir"
    (
        cd "$dir"
        export PORT; PORT=$(app_port "$n")
        # reads wait until this node has applied every commit made before them, also on a node
        # that became the writer a moment ago (the nodes' my.cnf says the same; this holds without it)
        export SPRING_DATASOURCE_URL="jdbc:mariadb://127.0.0.1:$LB_DB_PORT/$DB_NAME?sessionVariables=wsrep_sync_wait=1"
        export SPRING_DATASOURCE_USERNAME=$DB_USER SPRING_DATASOURCE_PASSWORD=$DB_PASSWORD
        export TILLSYNC_DEMO_DATA="${TILLSYNC_DEMO_DATA:-true}"
        # behind HAProxy: take the client address from X-Forwarded-For, believed from HAProxy's address only
        export SERVER_FORWARD_HEADERS_STRATEGY=native TILLSYNC_TRUSTED_PROXIES=127.0.0.1
        exec setsid "$JAVA" -Xmx512m -XX:+UseSerialGC -Dtillsync.local-cluster="$dir/" -jar "$JAR" >>"$dir/app.log" 2>&1 < /dev/null
    ) &
    echo $! > "$dir/app.pid"
}

# ------------------------------------------------------------------------------------------------

install_missing
[ "${TILLSYNC_CLUSTER_FRESH:-0}" = 1 ] && [ -d "$RUN" ] && { "$HERE/down.sh" >&2 || true; rm -rf "$RUN"; }
mkdir -p "$RUN"
if [ -f "$RUN/haproxy.pid" ] && pid_alive "$(read_pid "$RUN/haproxy.pid")"; then
    die "the cluster in $RUN is already running (down.sh stops it)"
fi
for p in $(seq 1 $DB_NODES); do
    for port in $(db_port "$p") $(gcomm_port "$p") $(ist_port "$p") $(sst_port "$p") $(check_port "$p"); do
        port_open "$port" && die "port $port is taken; set TILLSYNC_CLUSTER_PORT_BASE"
    done
done

if $START_APPS; then
    # Tillsync needs Java 21 or newer: JAVA_HOME, else the JDK this project is built with, else java
    JAVA=java
    for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/temurin-25-jdk-amd64/bin/java; do
        [ -x "$candidate" ] && { JAVA=$candidate; break; }
    done
    JAR=$(ls "$REPO"/target/tillsync-*.jar 2>/dev/null | grep -v original | head -1 || true)
    if [ -z "$JAR" ]; then
        log "building the jar (mvn -B -ntp -DskipTests package)"
        (cd "$REPO" && mvn -B -ntp -q -DskipTests package >&2)
        JAR=$(ls "$REPO"/target/tillsync-*.jar | grep -v original | head -1)
    fi
fi

for n in $(seq 1 $DB_NODES); do
    mkdir -p "$(node_dir "$n")/data"
    write_node_config "$n"
done

# The first node starts a new cluster, the others join it and copy its data (SST).
first=$(node_dir 1)
if [ ! -d "$first/data/mysql" ]; then
    log "initialising db1"
    mariadb-install-db --no-defaults --datadir="$first/data" --auth-root-authentication-method=normal \
        --skip-test-db --user="$(id -un)" > "$first/install.log" 2>&1 || die "mariadb-install-db failed ($first/install.log)"
elif grep -q '^safe_to_bootstrap: 0' "$first/data/grastate.dat" 2>/dev/null; then
    # Whole cluster was stopped unclean. In production pick the node with the highest seqno
    # (galera_recovery / --wsrep-recover) first; on this local trial db1 is taken as it is.
    log "db1 was not the last node to stop cleanly: bootstrapping from it anyway (local trial cluster)"
    sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$first/data/grastate.dat"
fi

start_node 1 --wsrep-new-cluster
start_check 1
wait_for 120 "db1 to be Synced + Primary" node_synced 1
sql_on 1 "CREATE DATABASE IF NOT EXISTS $DB_NAME CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
          CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
          CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
          GRANT ALL ON $DB_NAME.* TO '$DB_USER'@'127.0.0.1';
          GRANT ALL ON $DB_NAME.* TO '$DB_USER'@'localhost';
          GRANT PROCESS, REPLICATION CLIENT ON *.* TO '$DB_USER'@'127.0.0.1';"
for n in $(seq 2 $DB_NODES); do
    start_node "$n"
    start_check "$n"
    wait_for 180 "db$n to join and be Synced + Primary" node_synced "$n"
done
[ "$(sql_on 1 "SHOW STATUS LIKE 'wsrep_cluster_size'" | awk '{print $2}')" = "$DB_NODES" ] || die "cluster size is not $DB_NODES"

write_haproxy_config
/usr/sbin/haproxy -D -f "$RUN/haproxy.cfg" >>"$RUN/haproxy.log" 2>&1 || die "HAProxy did not start ($RUN/haproxy.log)"
wait_for 30 "HAProxy to see db1 up" haproxy_server_up galera_writer db1

if $START_APPS; then
    # one after the other: the first creates the schema (Liquibase, through HAProxy to the writer)
    # and the demo data; the second finds them
    for n in $(seq 1 "$APP_NODES"); do
        start_app "$n"
        wait_for 300 "app$n to be ready (log: $RUN/app$n/app.log)" app_ready "$(app_port "$n")" "$n"
        wait_for 30 "HAProxy to see app$n up" haproxy_server_up tillsync "app$n"
    done
fi

for n in $(seq 1 $DB_NODES); do
    echo "db db$n $(read_pid "$(node_dir "$n")/server.pid") $(db_port "$n")"
done
for n in $(seq 1 $DB_NODES); do
    echo "lb db$n-check $(read_pid "$(node_dir "$n")/check.pid") $(check_port "$n")"
done
if $START_APPS; then
    for n in $(seq 1 "$APP_NODES"); do
        echo "app app$n $(read_pid "$RUN/app$n/app.pid") $(app_port "$n")"
    done
fi
if $DB_ONLY; then
    echo "lb haproxy $(read_pid "$RUN/haproxy.pid") $LB_DB_PORT"
    echo "url jdbc:mariadb://127.0.0.1:$LB_DB_PORT/$DB_NAME"
else
    echo "lb haproxy $(read_pid "$RUN/haproxy.pid") $LB_HTTP_PORT"
    echo "url http://127.0.0.1:$LB_HTTP_PORT"
fi
