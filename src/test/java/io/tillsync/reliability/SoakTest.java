package io.tillsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short soak of every build: two nodes and a MariaDB server killed and restarted under load,
 * lost responses, one batch on two nodes, a reconnect storm, a manager's lost resolve answer, and a
 * node on its embedded database killed and restarted; all the while stock runs out in a branch that
 * allows it and in one that forbids it, some sales carry bad totals or unknown products, and the
 * manager resolves conflicts as the tills sell. The long run takes the same test with bigger
 * numbers ({@code -Dtillsync.soak.sales=100000 -Dtillsync.soak.faults=50}, see docs/reliability.md).
 */
class SoakTest {

    @Test
    void under_kills_lost_responses_reconnect_storms_and_conflicts_no_sale_is_lost_doubled_or_unaccounted_for() throws Exception {
        Soak.Config config = new Soak.Config(
                Integer.getInteger("tillsync.soak.sales", 3_000),
                Integer.getInteger("tillsync.soak.faults", 7),
                Integer.getInteger("tillsync.soak.devices", 6),
                Integer.getInteger("tillsync.soak.embedded-sales", 400),
                Integer.getInteger("tillsync.soak.embedded-kills", 1),
                System.getProperty("tillsync.soak.jar"),
                Path.of("target", "soak"),
                Long.getLong("tillsync.soak.seed", 1L),
                Soak.ConflictMix.STANDARD);

        Soak.Report report = Soak.run(config);

        Files.writeString(Path.of("target", "soak-report.txt"), Instant.now() + " " + report + System.lineSeparator());
        assertThat(report.lost()).as("acknowledged sales missing").isZero();
        assertThat(report.doubled()).as("sales stored twice, under two ids, or booked though rejected or open").isZero();
        assertThat(report.unacknowledged()).as("sales never answered after the drain").isZero();
        assertThat(report.stockMismatches()).as("stock differing from start - booked + voided, per branch and product").isZero();
        assertThat(report.lineMismatches()).as("lines differing from what was sold or merged").isZero();
        assertThat(report.conflicts()).as("conflicts the ledgers and the manager's decisions do not account for").isZero();
        assertThat(report.answers().keySet()).as("every answer is a 200, a 429 or a 503 while the database is away, or none at all")
                .allMatch(status -> List.of("200", "429", "503", "no answer").contains(status));
        assertThat(report.conflicted().resolveAnswers().keySet()).as("resolve answers")
                .allMatch(status -> List.of("200", "409", "422", "429", "503", "no answer").contains(status));
        assertThat(report.itemErrors()).as("items answered with an error: the database away is a 503 for the batch").doesNotContainKey("internal_error");
        assertThat(report.sales()).isGreaterThanOrEqualTo(config.sales() + config.embeddedSales());
        Soak.ConflictFigures conflicts = report.conflicted();
        assertThat(conflicts.conflictedSales()).as("sales with a conflict").isGreaterThanOrEqualTo(report.sales() / 20);
        assertThat(conflicts.settledByPolicy()).as("settled by policy").isPositive();
        assertThat(conflicts.leftOpen()).as("left open").isPositive();
        assertThat(conflicts.rejected()).as("rejected with keep_server").isPositive();
        assertThat(conflicts.resolvedBy()).as("booked by the manager").containsKeys("keep_local", "merge");
        assertThat(conflicts.refusalsAsExpected()).as("keep_local of an unknown product, second resolves").isPositive();
        report.faults().forEach((kind, count) -> {
            if (kind != Soak.Fault.EMBEDDED_APP_KILLED || config.embeddedKills() > 0) {
                assertThat(count).as("faults of kind %s", kind).isPositive();
            }
        });
    }
}
