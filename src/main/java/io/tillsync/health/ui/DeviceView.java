package io.tillsync.health.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;
import io.tillsync.backoffice.Fact;
import io.tillsync.backoffice.Formats;
import io.tillsync.backoffice.Translations;
import io.tillsync.base.Rejected;
import io.tillsync.devices.DeviceAction;
import io.tillsync.devices.DeviceService;
import io.tillsync.health.DeviceHealth;
import io.tillsync.health.DeviceHealthService;
import io.tillsync.health.SequenceGap;
import io.tillsync.health.SyncLogEntry;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One till: its health, its missing sale numbers and its sync history; a pairing code and
 * revocation for its branch's managers and admins, a new token for admins.
 */
@Route("devices/:deviceId")
@RolesAllowed({"ADMIN", "MANAGER"})
class DeviceView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final DeviceHealthService health;
    private final DeviceService devices;

    DeviceView(DeviceHealthService health, DeviceService devices) {
        this.health = health;
        this.devices = devices;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        show(event.getRouteParameters().get("deviceId").orElse(""));
    }

    private void show(String deviceId) {
        removeAll();
        Optional<DeviceHealth> found = health.find(deviceId);
        if (found.isEmpty()) {
            H2 none = new H2(getTranslation("devices.notfound"));
            none.setId("device-not-found");
            add(none);
            return;
        }
        DeviceHealth d = found.get();
        Instant now = Instant.now();
        add(new H2(Formats.named(d.name(), d.deviceId())), new StateBadge(d.state()));
        Div facts = new Div();
        facts.add(fact("col.branch", Formats.named(d.branchName(), d.branchCode())), fact("devices.lastSeen", Formats.age(d.lastSeenAt(), now, getLocale())),
                fact("devices.lastSuccess", Formats.dateTime(d.lastSuccessAt(), getLocale())),
                fact("devices.queue", d.queueDepth() == null ? "—" : d.queueDepth().toString()),
                fact("devices.version", d.appVersion()), fact("devices.skew", d.clockSkewMs() == null ? "—" : Formats.seconds(d.clockSkewMs(), getLocale())),
                fact("devices.failures", Long.toString(d.recentFailures())), fact("nav.conflicts", Long.toString(d.openConflicts())));
        add(facts);
        Set<DeviceAction> allowed = devices.allowedActions(d.branchId(), d.revoked());
        HorizontalLayout actions = new HorizontalLayout();
        // three buttons do not fit a phone side by side in Indonesian
        actions.setWrap(true);
        if (allowed.contains(DeviceAction.PAIR)) {
            // a revoked till paired again is active again: asked first, like rotating and revoking
            Runnable issue = () -> refusedAs(d, () -> new PairingCodeDialog(devices.issuePairingCode(d.deviceId(), d.revoked())).open());
            Button pair = new Button(getTranslation("devices.pairing"), e -> {
                if (d.revoked()) {
                    confirm("devices.pairRevoked", d, issue);
                } else {
                    issue.run();
                }
            });
            pair.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            pair.setId("pairing-code-action");
            actions.add(pair);
        }
        if (allowed.contains(DeviceAction.ROTATE)) {
            Button rotate = new Button(getTranslation("devices.rotate"), e -> confirm("devices.rotate", d, () ->
                    new TokenDialog(devices.rotate(d.deviceId())).open()));
            rotate.setId("rotate");
            actions.add(rotate);
        }
        if (allowed.contains(DeviceAction.REVOKE)) {
            Button revoke = new Button(getTranslation("devices.revoke"), e -> confirm("devices.revoke", d, () -> refusedAs(d, () -> {
                devices.revoke(d.deviceId());
                show(d.deviceId());
            })));
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR);
            revoke.setId("revoke");
            actions.add(revoke);
        }
        add(actions);
        add(new H3(getTranslation("devices.gaps")));
        var gaps = health.sequenceGaps(d);
        if (gaps.isEmpty()) {
            add(new Paragraph(getTranslation("devices.nogaps")));
        }
        for (SequenceGap g : gaps) {
            add(new Paragraph(g.day() + ": " + g.fromSeq() + (g.toSeq() == g.fromSeq() ? "" : "–" + g.toSeq()) + " (" + g.missing() + ")"));
        }
        add(new H3(getTranslation("devices.history")));
        Grid<SyncLogEntry> log = new Grid<>();
        log.addColumn(s -> Formats.dateTime(s.receivedAt(), getLocale())).setHeader(getTranslation("col.when")).setAutoWidth(true);
        log.addColumn(SyncLogEntry::endpoint).setHeader(getTranslation("devices.endpoint")).setAutoWidth(true);
        log.addColumn(SyncLogEntry::httpStatus).setHeader(getTranslation("devices.http")).setAutoWidth(true);
        log.addColumn(s -> s.durationMs() + " ms").setHeader(getTranslation("devices.duration")).setAutoWidth(true);
        log.addColumn(s -> s.successCount() + "/" + s.totalItems()).setHeader(getTranslation("devices.items")).setAutoWidth(true);
        log.addColumn(SyncLogEntry::conflictCount).setHeader(getTranslation("nav.conflicts")).setAutoWidth(true);
        log.addColumn(SyncLogEntry::replayedCount).setHeader(getTranslation("devices.replayed")).setAutoWidth(true);
        log.addColumn(s -> Translations.code("syncError.", s.errorCode(), getLocale())).setHeader(getTranslation("devices.error")).setAutoWidth(true);
        log.setItems(q -> health.history(deviceId, VaadinSpringDataHelpers.toSpringPageRequest(q)).stream());
        log.setId("sync-history");
        log.setHeight("24em");
        add(log);
    }

    /**
     * Runs an action on the till, saying in the user's words why it was refused. The till may have
     * left the user's branches since the page opened: the page then reads as not found, as any
     * other branch's till does, never as "access denied".
     */
    private void refusedAs(DeviceHealth d, Runnable action) {
        try {
            action.run();
        } catch (Rejected e) {
            if (e.why() == DeviceService.Refusal.UNKNOWN_DEVICE) {
                show(d.deviceId());
            }
            Notification shown = Notification.show(Translations.problem(e, getLocale()), 6000, Notification.Position.TOP_CENTER);
            shown.setId("device-refused");
        }
    }

    /** Asks first, saying what the action does to this till, on a button named after the action rather than "Confirm". */
    private void confirm(String action, DeviceHealth d, Runnable run) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(getTranslation(action) + " · " + d.deviceId());
        dialog.setText(getTranslation(action + ".confirm", d.deviceId()));
        dialog.setId("device-confirm");
        dialog.setCancelable(true);
        dialog.setConfirmText(getTranslation(action));
        dialog.setConfirmButtonTheme("error primary");
        dialog.setCancelText(getTranslation("action.cancel"));
        dialog.addConfirmListener(e -> run.run());
        dialog.open();
    }

    private Div fact(String key, String value) {
        return Fact.of(getTranslation(key), value);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("title.device") + " · Tillsync";
    }
}
