package io.tillsync.backoffice;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Refreshes attached views through server push. One small scheduler serves every open session; a
 * view is refreshed only while attached, so a closed tab costs nothing, and each refresh runs as
 * the user who opened the view, so it sees their branches only.
 */
@org.springframework.stereotype.Component
public class LiveRefresh {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "ui-refresh");
        t.setDaemon(true);
        return t;
    });
    private final int seconds;
    private final SessionLimits limits;

    LiveRefresh(BackofficeSettings settings, SessionLimits limits) {
        this.seconds = settings.refreshSeconds();
        this.limits = limits;
    }

    /** Runs {@code refresh} every few seconds inside {@link UI#access} while {@code view} is attached. */
    public void whileAttached(Component view, Runnable refresh) {
        view.addAttachListener(attach -> {
            UI ui = attach.getUI();
            SecurityContext user = SecurityContextHolder.getContext();
            // the session may run a queued refresh on another request's thread, and only after the tab
            // has closed: it then carries its user along and finds the view gone, instead of failing
            // on a component without a UI, session or service
            // a tab refreshing itself is no sign of a person using it: its session still ends when they stop
            Runnable secured = new DelegatingSecurityContextRunnable(() -> {
                if (view.isAttached() && ui.getSession() != null && !limits.endIfOver(ui)) {
                    refresh.run();
                }
            }, user);
            ScheduledFuture<?>[] future = new ScheduledFuture<?>[1];
            future[0] = scheduler.scheduleWithFixedDelay(() -> {
                if (ui.isClosing() || ui.getSession() == null) {
                    future[0].cancel(false);
                    return;
                }
                try {
                    ui.access(secured::run);
                } catch (UIDetachedException closed) {
                    future[0].cancel(false);
                }
            }, seconds, seconds, TimeUnit.SECONDS);
            Registration[] detach = new Registration[1];
            detach[0] = view.addDetachListener(d -> {
                future[0].cancel(false);
                detach[0].remove();
            });
        });
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
