package io.tillsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short soak of every build: two nodes and a MariaDB server killed and restarted under load,
 * lost responses, one batch on two nodes, a reconnect storm, and a node on its embedded database
 * killed and restarted. The long run takes the same test with bigger numbers
 * ({@code -Dtillsync.soak.sales=100000 -Dtillsync.soak.faults=50}, see docs/reliability.md).
 */
class SoakTest {

    @Test
    void under_kills_lost_responses_and_reconnect_storms_no_acknowledged_sale_is_lost_or_doubled() throws Exception {
        Soak.Config config = new Soak.Config(
                Integer.getInteger("tillsync.soak.sales", 3_000),
                Integer.getInteger("tillsync.soak.faults", 7),
                Integer.getInteger("tillsync.soak.devices", 6),
                Integer.getInteger("tillsync.soak.embedded-sales", 400),
                Integer.getInteger("tillsync.soak.embedded-kills", 1),
                System.getProperty("tillsync.soak.jar"),
                Path.of("target", "soak"),
                Long.getLong("tillsync.soak.seed", 1L));

        Soak.Report report = Soak.run(config);

        Files.writeString(Path.of("target", "soak-report.txt"), Instant.now() + " " + report + System.lineSeparator());
        assertThat(report.lost()).as("acknowledged sales missing").isZero();
        assertThat(report.doubled()).as("sales stored twice or under two ids").isZero();
        assertThat(report.unacknowledged()).as("sales never acknowledged after the drain").isZero();
        assertThat(report.stockMismatches()).as("stock differing from start - sales + voids").isZero();
        assertThat(report.lineMismatches()).isZero();
        assertThat(report.conflicts()).as("conflicts opened by retries").isZero();
        assertThat(report.answers().keySet()).as("every answer is a 200, a 429 or a 503 while the database is away, or none at all")
                .allMatch(status -> List.of("200", "429", "503", "no answer").contains(status));
        assertThat(report.sales()).isGreaterThanOrEqualTo(config.sales() + config.embeddedSales());
        report.faults().forEach((kind, count) -> {
            if (kind != Soak.Fault.EMBEDDED_APP_KILLED || config.embeddedKills() > 0) {
                assertThat(count).as("faults of kind %s", kind).isPositive();
            }
        });
    }
}
