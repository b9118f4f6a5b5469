package io.tillsync.base;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The database server this node writes to, as Prometheus gauges: which server it is (a change is
 * a failover, counted) and, on a Galera cluster, that server's view of the cluster from
 * {@code SHOW GLOBAL STATUS LIKE 'wsrep_%'}. Behind HAProxy a node only ever sees the writer;
 * the state of every Galera node comes from mysqld_exporter beside each server.
 */
@Component
class ClusterMetrics {

    private static final Logger log = LoggerFactory.getLogger(ClusterMetrics.class);

    private final JdbcTemplate jdbc;
    private final AtomicReference<Map<String, String>> status = new AtomicReference<>(Map.of());
    private final MultiGauge writer;
    private final Counter writerChanges;
    private volatile String lastWriter;
    private volatile double reachable;

    ClusterMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        Gauge.builder("tillsync.db.reachable", () -> reachable).description("1 when the last check reached the database").register(registry);
        this.writer = MultiGauge.builder("tillsync.db.writer").description("1 for the database server this node writes to")
                .register(registry);
        this.writerChanges = Counter.builder("tillsync.db.writer.changes")
                .description("Times the database server behind the connection pool changed: a failover or a failback").register(registry);
        gauge(registry, "tillsync.galera.cluster.size", "Galera nodes in the writer's component (wsrep_cluster_size)",
                s -> number(s.get("wsrep_cluster_size")));
        gauge(registry, "tillsync.galera.primary", "1 when the writer is in the primary component (wsrep_cluster_status)",
                s -> s.isEmpty() ? Double.NaN : "Primary".equalsIgnoreCase(s.get("wsrep_cluster_status")) ? 1 : 0);
        gauge(registry, "tillsync.galera.local.state", "The writer's wsrep_local_state: 4 is Synced",
                s -> number(s.get("wsrep_local_state")));
        gauge(registry, "tillsync.galera.ready", "1 when the writer accepts queries (wsrep_ready)",
                s -> s.isEmpty() ? Double.NaN : "ON".equalsIgnoreCase(s.get("wsrep_ready")) ? 1 : 0);
        gauge(registry, "tillsync.galera.flow.control.paused", "Share of time replication was paused by flow control since the last FLUSH STATUS",
                s -> number(s.get("wsrep_flow_control_paused")));
        gauge(registry, "tillsync.galera.recv.queue", "Write sets waiting to be applied on the writer (wsrep_local_recv_queue)",
                s -> number(s.get("wsrep_local_recv_queue")));
    }

    private void gauge(MeterRegistry registry, String name, String description, java.util.function.ToDoubleFunction<Map<String, String>> value) {
        Gauge.builder(name, status, ref -> value.applyAsDouble(ref.get())).description(description).register(registry);
    }

    private static double number(String value) {
        try {
            return value == null ? Double.NaN : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    @Scheduled(fixedDelayString = "${tillsync.metrics.cluster-refresh:15s}", initialDelayString = "${tillsync.metrics.cluster-refresh:15s}")
    void refresh() {
        try {
            Map<String, String> wsrep = new HashMap<>();
            jdbc.query("SHOW GLOBAL STATUS LIKE 'wsrep\\_%'", rs -> {
                wsrep.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getString(2));
            });
            String server = jdbc.queryForObject("SELECT CONCAT(@@hostname, ':', @@port)", String.class);
            // SHOW VARIABLES answers an empty list, not an error, on a server built without Galera
            Map<String, String> vars = new HashMap<>();
            jdbc.query("SHOW GLOBAL VARIABLES WHERE Variable_name IN ('wsrep_on', 'wsrep_node_name')", rs -> {
                vars.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getString(2));
            });
            if (!wsrep.isEmpty() && "ON".equalsIgnoreCase(vars.get("wsrep_on"))) {
                server = vars.get("wsrep_node_name") + " (" + server + ")";
            } else {
                wsrep.clear();
            }
            status.set(Map.copyOf(wsrep));
            if (lastWriter != null && !lastWriter.equals(server)) {
                log.warn("The database server behind the pool changed from {} to {}", lastWriter, server);
                writerChanges.increment();
            }
            lastWriter = server;
            writer.register(List.of(MultiGauge.Row.of(Tags.of("server", server), 1)), true);
            reachable = 1;
        } catch (DataAccessException e) {
            reachable = 0;
            log.debug("Cluster status not read: {}", e.toString());
        }
    }
}
