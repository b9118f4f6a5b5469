package io.tillsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The short cluster soak of every build: one of each fault (the writer killed, the writer cut off
 * from the others, a backup killed, an app node killed) while tills in a branch that allows
 * negative stock and one that forbids it sell through HAProxy. The long run is ClusterSoak's main
 * with bigger numbers (docs/reliability.md).
 */
@Tag("cluster")
class ClusterSoakTest {

    @Test
    void through_failovers_rejoins_and_app_kills_every_sale_is_booked_once_or_an_open_conflict() throws Exception {
        ClusterSoak.Config config = new ClusterSoak.Config(
                Integer.getInteger("tillsync.cluster-soak.sales", 2_500),
                Integer.getInteger("tillsync.cluster-soak.faults", 4),
                Integer.getInteger("tillsync.cluster-soak.tills", 6),
                Path.of("target", "cluster-soak"), 26000, 1L, 40);

        ClusterSoak.Report report = ClusterSoak.run(config);

        Files.writeString(Path.of("target", "cluster-soak-report.txt"), Instant.now() + " " + report + System.lineSeparator());
        assertThat(report.lost()).as("sales missing or not as answered").isZero();
        assertThat(report.doubled()).as("sales stored twice, under two ids, or both booked and a conflict").isZero();
        assertThat(report.unacknowledged()).as("sales never answered after the drain").isZero();
        assertThat(report.stockMismatches()).as("stock differing from start - booked, or below zero where forbidden").isZero();
        assertThat(report.nodesDiffering()).as("Galera nodes holding different data").isZero();
        assertThat(report.sold()).isGreaterThanOrEqualTo(config.sales());
        assertThat(report.openConflicts()).as("the forbidding branch ran out of stock").isPositive();
        assertThat(report.settledByPolicy()).as("the allowing branch went below zero, settled by its policy").isPositive();
        assertThat(report.rejoins()).as("killed nodes caught up with what they missed only").containsOnlyKeys("IST");
        assertThat(report.failoverMillis()).as("a commit came after each failover").hasSize(2);
        // a till sees 200, or 503 (Tillsync: database away; HAProxy: app node gone), or 429 when it resends faster than its
        // rate limit after an outage, or no answer, and sends again: never a 500, never a failed item
        assertThat(report.answers().keySet()).allMatch(a -> List.of("200", "429", "503", "502", "504", "no answer").contains(a));
        report.faults().values().forEach(n -> assertThat(n).isPositive());
    }
}
