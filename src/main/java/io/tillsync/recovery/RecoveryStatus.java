package io.tillsync.recovery;

import io.tillsync.base.Db;
import io.tillsync.health.DeviceFilter;
import io.tillsync.health.DeviceHealth;
import io.tillsync.health.DeviceHealthService;
import io.tillsync.sales.SalesActivity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** What the admin's dashboard says about backups and, after a restore, about the tills refilling it. */
@Service
public class RecoveryStatus {

    /** The newest backup and whether it is older than the schedule promises (never, without a schedule). */
    public record LastBackup(BackupManifest backup, Instant takenAt, boolean overdue, Duration promised) {
    }

    /** One till after the latest restore: seen since (it has the new epoch) and how many sales it refilled. */
    public record TillRefill(String deviceId, String name, String branchCode, String branchLabel, Instant lastSeenAt, boolean seenSince,
                             long refilledSales) {
    }

    public record LastRestore(Instant restoredAt, String backupId, Instant backupTakenAt, String replacedSchema,
                              List<TillRefill> tills) {

        public long waiting() {
            return tills.stream().filter(t -> !t.seenSince()).count();
        }
    }

    /** Tills listed after a restore; the devices page has the rest. */
    static final int TILLS_SHOWN = 500;

    private final Backups backups;
    private final BackupSettings settings;
    private final JdbcTemplate jdbc;
    private final DeviceHealthService devices;
    private final SalesActivity sales;

    RecoveryStatus(Backups backups, BackupSettings settings, JdbcTemplate jdbc, DeviceHealthService devices, SalesActivity sales) {
        this.backups = backups;
        this.settings = settings;
        this.jdbc = jdbc;
        this.devices = devices;
        this.sales = sales;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public Optional<LastBackup> lastBackup(Instant now) {
        Duration promised = settings.promisedAge(now.atZone(ZoneId.systemDefault()));
        return Backups.listIn(backups.dir()).stream().findFirst().map(b -> {
            Instant taken = Instant.parse(b.takenAt());
            return new LastBackup(b, taken, promised != null && Duration.between(taken, now).compareTo(promised) > 0, promised);
        });
    }

    /** Whether a schedule promises backups at all; without one the dashboard says backups are off. */
    public boolean scheduled() {
        return settings.scheduled();
    }

    /** The latest restore, if one was made in the last 7 days (after that no till holds anything more to resend). */
    @PreAuthorize("hasRole('ADMIN')")
    public Optional<LastRestore> lastRestore(Instant now) {
        List<LastRestore> found = jdbc.query("SELECT restored_at, backup_id, backup_taken_at, replaced_schema FROM server_restores "
                        + "WHERE restored_at > ? ORDER BY restored_at DESC LIMIT 1",
                (rs, n) -> new LastRestore(Db.instant(rs, "restored_at"), rs.getString("backup_id"), Db.instant(rs, "backup_taken_at"),
                        rs.getString("replaced_schema"), List.of()),
                Db.ts(now.minus(Duration.ofDays(7))));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        LastRestore r = found.getFirst();
        Map<String, Long> refilled = sales.refilledAfter(r.restoredAt());
        List<TillRefill> tills = devices.list(DeviceFilter.ALL, PageRequest.of(0, TILLS_SHOWN)).getContent().stream()
                .filter(d -> !d.revoked())
                .map(d -> refill(d, r.restoredAt(), refilled))
                // the ones not seen yet first: they are what the admin waits for
                .sorted(Comparator.comparing(TillRefill::seenSince).thenComparing(TillRefill::deviceId))
                .toList();
        return Optional.of(new LastRestore(r.restoredAt(), r.backupId(), r.backupTakenAt(), r.replacedSchema(), tills));
    }

    private static TillRefill refill(DeviceHealth d, Instant restoredAt, Map<String, Long> refilled) {
        boolean seen = d.lastSeenAt() != null && d.lastSeenAt().isAfter(restoredAt);
        return new TillRefill(d.deviceId(), d.name(), d.branchCode(), d.branchLabel(), d.lastSeenAt(), seen, refilled.getOrDefault(d.deviceId(), 0L));
    }
}
