package io.tillsync.recovery.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.tillsync.backoffice.DashboardPart;
import io.tillsync.backoffice.Formats;
import io.tillsync.recovery.BackupManifest;
import io.tillsync.recovery.Backups;
import io.tillsync.recovery.RecoveryStatus;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;

/**
 * The admin's view of recovery on the dashboard: the newest backup (age, size, verified or not, a
 * warning when it is older than the schedule promises), buttons that say what they do, and after a
 * restore the tills that have come back and refilled the gap, those not seen yet first.
 */
class RecoveryPanel extends Div implements DashboardPart.Section {

    private final RecoveryStatus status;
    private final Backups backups;
    private final Div backup = new Div();
    private final Div restore = new Div();
    private final Button backUp = new Button();
    private final Button verify = new Button();
    private volatile boolean working;
    private Instant readAt;

    /**
     * The dashboard refreshes every few seconds; backups change nightly and a restore list slowly, so
     * the folder, the restore and its tills are read again at most once a minute (at once after an action).
     */
    private static final java.time.Duration EVERY = java.time.Duration.ofMinutes(1);

    RecoveryPanel(RecoveryStatus status, Backups backups) {
        this.status = status;
        this.backups = backups;
        setId("recovery");
        addClassName("recovery-panel");
        backup.setId("backup-status");
        restore.setId("restore-status");
        backUp.setText(getTranslation("backup.now"));
        backUp.setId("backup-now");
        backUp.setTooltipText(getTranslation("backup.nowHelp"));
        backUp.addClickListener(e -> run(backups::take, "backup.taken"));
        verify.setText(getTranslation("backup.verify"));
        verify.setId("backup-verify");
        verify.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        verify.setTooltipText(getTranslation("backup.verifyHelp"));
        verify.addClickListener(e -> run(() -> backups.verify("latest"), "backup.verified"));
        Div buttons = new Div(backUp, verify);
        buttons.addClassName("recovery-buttons");
        Paragraph help = new Paragraph(getTranslation("backup.help"));
        help.addClassName("recovery-help");
        add(new H3(getTranslation("backup.title")), backup, buttons, help, restore);
    }

    @Override
    public Component component() {
        return this;
    }

    /** Re-reads the backup folder and the latest restore; the dashboard calls it on open and with its other figures. */
    @Override
    public void refresh() {
        if (readAt == null || Instant.now().isAfter(readAt.plus(EVERY))) {
            reload();
        }
    }

    private void reload() {
        Instant now = Instant.now();
        readAt = now;
        Locale locale = getLocale();
        backup.removeAll();
        var latest = status.lastBackup(now);
        latest.ifPresentOrElse(last -> {
            BackupManifest b = last.backup();
            backup.add(line(getTranslation("backup.last", Formats.age(last.takenAt(), now, locale), Formats.dateTime(last.takenAt(), locale),
                    megabytes(b.sizeBytes(), locale), String.format(locale, "%,d", b.rows("transactions"))), null));
            if (b.verified() == null) {
                backup.add(line(getTranslation("backup.notVerified"), "recovery-note"));
            } else if (b.verified()) {
                backup.add(line(getTranslation("backup.verifiedAt", Formats.dateTime(Instant.parse(b.verifiedAt()), locale)), "recovery-ok"));
            } else {
                backup.add(line(getTranslation("backup.verifyFailed", b.verifyNote()), "recovery-warn"));
            }
            if (last.overdue()) {
                backup.add(line(getTranslation("backup.overdue", Long.toString(last.promised().toHours())), "recovery-warn"));
            }
        }, () -> backup.add(line(getTranslation(status.scheduled() ? "backup.none" : "backup.noneOff"), "recovery-warn")));
        if (!status.scheduled()) {
            backup.add(line(getTranslation("backup.scheduleOff"), "recovery-note"));
        }
        verify.setEnabled(!working && latest.isPresent());
        backUp.setEnabled(!working);
        restore.removeAll();
        status.lastRestore(now).ifPresent(r -> {
            restore.add(new H3(getTranslation("restore.title")));
            restore.add(line(getTranslation("restore.summary", Formats.dateTime(r.restoredAt(), locale), r.backupId(),
                    Formats.dateTime(r.backupTakenAt(), locale)), null));
            restore.add(line(r.waiting() == 0 ? getTranslation("restore.allSeen", Integer.toString(r.tills().size()))
                    : getTranslation("restore.waiting", Long.toString(r.waiting()), Integer.toString(r.tills().size())),
                    r.waiting() == 0 ? "recovery-ok" : "recovery-warn"));
            Grid<RecoveryStatus.TillRefill> tills = new Grid<>();
            tills.setId("restore-tills");
            // what an admin scans for first (which till, back or not) comes first: on a phone the rest scrolls
            tills.addColumn(t -> Formats.named(t.name(), t.deviceId())).setHeader(getTranslation("col.device")).setAutoWidth(true).setFlexGrow(1);
            tills.addColumn(t -> t.seenSince() ? getTranslation("restore.seen", Formats.age(t.lastSeenAt(), now, locale))
                    : getTranslation("restore.notSeen")).setHeader(getTranslation("restore.since")).setAutoWidth(true);
            tills.addColumn(t -> String.format(locale, "%,d", t.refilledSales())).setHeader(getTranslation("restore.refilled")).setAutoWidth(true);
            tills.addColumn(RecoveryStatus.TillRefill::branchLabel).setHeader(getTranslation("col.branch")).setAutoWidth(true);
            tills.setItems(r.tills());
            // a few tills show whole; a chain's hundreds scroll in a box of their own, those not seen yet on top
            if (r.tills().size() <= 8) {
                tills.setAllRowsVisible(true);
            } else {
                tills.setHeight("22rem");
            }
            restore.add(tills);
        });
    }

    /** Backups take seconds to minutes: they run off the UI thread, as the signed-in admin, and the panel updates when done. */
    private void run(Supplier<BackupManifest> work, String doneKey) {
        UI ui = UI.getCurrent();
        working = true;
        backUp.setEnabled(false);
        verify.setEnabled(false);
        Notification.show(getTranslation("backup.started"));
        CompletableFuture.runAsync(new DelegatingSecurityContextRunnable(() -> {
            String message;
            boolean ok;
            try {
                BackupManifest b = work.get();
                ok = !Boolean.FALSE.equals(b.verified());
                message = ok ? getTranslation(doneKey, b.id()) : getTranslation("backup.verifyFailed", b.verifyNote());
            } catch (RuntimeException e) {
                ok = false;
                message = getTranslation("backup.failed", e.getMessage());
            }
            boolean success = ok;
            String text = message;
            ui.access(() -> {
                working = false;
                Notification n = Notification.show(text, 8000, Notification.Position.BOTTOM_START);
                n.addThemeVariants(success ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_ERROR);
                reload();
            });
        }));
    }

    private static Span line(String text, String className) {
        Span s = new Span(text);
        s.addClassName("recovery-line");
        if (className != null) {
            s.addClassName(className);
        }
        return s;
    }

    private static String megabytes(long bytes, Locale locale) {
        return bytes < 1_000_000 ? String.format(locale, "%,d KB", Math.max(1, bytes / 1000)) : String.format(locale, "%.1f MB", bytes / 1e6);
    }

}
