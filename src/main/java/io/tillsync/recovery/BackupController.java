package io.tillsync.recovery;

import java.time.Clock;
import io.tillsync.base.ApiEnvelope;
import io.tillsync.base.Rejected;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Backups for admins over HTTP Basic: take one now (a command for cron or a script), list, verify. */
@RestController
class BackupController {

    private final Backups backups;
    private final RecoveryStatus status;
    private final Clock clock;

    BackupController(Backups backups, RecoveryStatus status, Clock clock) {
        this.clock = clock;
        this.backups = backups;
        this.status = status;
    }

    /** The latest restore of the last 7 days and, per till, whether it has come back and how many sales it sent again. */
    @GetMapping(path = "/api/v1/admin/restores/latest", produces = MediaType.APPLICATION_JSON_VALUE)
    ApiEnvelope latestRestore() {
        RecoveryStatus.LastRestore r = status.lastRestore(clock.instant())
                .orElseThrow(() -> new Rejected(Rejected.Kind.NOT_FOUND, "not_found", "No restore in the last 7 days"));
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("restored_at", r.restoredAt().toString());
        data.put("backup_id", r.backupId());
        data.put("backup_taken_at", r.backupTakenAt().toString());
        data.put("replaced_schema", r.replacedSchema());
        data.put("tills_not_seen", r.waiting());
        data.put("tills", r.tills().stream().map(t -> {
            Map<String, Object> till = new java.util.LinkedHashMap<>();
            till.put("device_id", t.deviceId());
            till.put("name", t.name());
            till.put("branch_code", t.branchCode());
            till.put("seen_since_restore", t.seenSince());
            till.put("last_seen_at", t.lastSeenAt() == null ? null : t.lastSeenAt().toString());
            till.put("refilled_sales", t.refilledSales());
            return till;
        }).toList());
        return ApiEnvelope.ok(data);
    }

    @GetMapping(path = "/api/v1/admin/backups", produces = MediaType.APPLICATION_JSON_VALUE)
    ApiEnvelope list() {
        return ApiEnvelope.ok(Map.of("backups", backups.list()));
    }

    @PostMapping(path = "/api/v1/admin/backups", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiEnvelope> take() {
        try {
            return ResponseEntity.status(HttpStatus.CREATED).body(ApiEnvelope.of(201, backups.take()));
        } catch (Backups.Busy e) {
            throw new Rejected(Rejected.Kind.CONFLICT, "backup_running", e.getMessage());
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            // the tool's own words (disk full, tool missing, access denied) are what the operator needs
            throw new Rejected(Rejected.Kind.UNAVAILABLE, "backup_failed", e.getMessage());
        }
    }

    @PostMapping(path = "/api/v1/admin/backups/{id}/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    ApiEnvelope verify(@PathVariable String id) {
        try {
            return ApiEnvelope.ok(backups.verify(id));
        } catch (Backups.NoSuchBackup e) {
            throw new Rejected(Rejected.Kind.NOT_FOUND, "not_found", e.getMessage(), "id");
        } catch (Backups.Busy e) {
            throw new Rejected(Rejected.Kind.CONFLICT, "backup_running", e.getMessage());
        }
    }
}
