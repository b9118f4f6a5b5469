package io.tillsync.backoffice;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import java.time.Clock;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Ends a back-office tab's session when its person has stopped using it, however lively the tab
 * itself is. Views refreshed over push make the browser ask for new rows on its own, and the
 * servlet container and Vaadin both take those requests for use: an open tab on Transactions
 * never idled out. Use, here, is what a person does: a click, a key, a navigation (one mark at
 * most every few seconds). After {@code server.servlet.session.timeout} without it, or
 * {@code tillsync.session.absolute-timeout} after sign-in, or as soon as the account is disabled,
 * the tab goes to the sign-in page saying why and the session is ended. Checked on every live
 * refresh and every heartbeat, and when a view meets a refusal of a disabled account.
 */
@Component
public class SessionLimits implements VaadinServiceInitListener {

    /** Why a tab was signed out; the sign-in page says it in the user's language. */
    public enum Ended {
        IDLE("idle"), TOO_LONG("expired"), DISABLED("disabled");

        final String parameter;

        Ended(String parameter) {
            this.parameter = parameter;
        }
    }

    /** HTTP session attribute: the instant of the person's last use. */
    public static final String LAST_USE = "tillsync.session.lastUse";
    /** HTTP session attribute: the session is over; the next request of any of its tabs ends it (security's session filter). */
    public static final String ENDED = "tillsync.session.ended";
    private static final int MARK_EVERY_MS = 5_000;

    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final ObjectProvider<SignedInCheck> users;

    SessionLimits(Clock clock, SessionSettings settings, ServerProperties server, ObjectProvider<SignedInCheck> users) {
        this.clock = clock;
        this.idle = SessionSettings.idle(server);
        this.absolute = settings.absoluteTimeout();
        this.users = users;
    }

    /** Which of the sign-out reasons the sign-in page was given, if any. */
    String reason(java.util.Set<String> parameters) {
        for (Ended e : Ended.values()) {
            if (parameters.contains(e.parameter)) {
                return e.parameter;
            }
        }
        return null;
    }

    long idleMinutes() {
        return idle.toMinutes();
    }

    long absoluteHours() {
        return absolute.toHours();
    }

    /** Starts watching a signed-in tab: what its person does counts as use, and heartbeats check the limits. */
    void watch(UI ui) {
        used(ui.getSession());
        ui.getElement().addEventListener("click", e -> used(ui.getSession())).throttle(MARK_EVERY_MS).allowInert();
        ui.getElement().addEventListener("keydown", e -> used(ui.getSession())).throttle(MARK_EVERY_MS).allowInert();
        ui.addAfterNavigationListener(e -> used(ui.getSession()));
        ui.addHeartbeatListener(e -> endIfOver(ui));
    }

    private void used(VaadinSession session) {
        if (session != null && session.getSession() != null) {
            session.getSession().setAttribute(LAST_USE, clock.instant());
        }
    }

    /** Why this tab's session must end now, if it must. Call with the session locked and the user's security context. */
    Optional<Ended> over(UI ui) {
        VaadinSession session = ui.getSession();
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        WrappedSession http = session.getSession();
        if (http != null && now.isAfter(Instant.ofEpochMilli(http.getCreationTime()).plus(absolute))) {
            return Optional.of(Ended.TOO_LONG);
        }
        Object last = http == null ? null : http.getAttribute(LAST_USE);
        if (last instanceof Instant lastUse && now.isAfter(lastUse.plus(idle))) {
            return Optional.of(Ended.IDLE);
        }
        SignedInCheck check = users.getIfAvailable();
        if (check != null && !check.stillSignedIn()) {
            return Optional.of(Ended.DISABLED);
        }
        return Optional.empty();
    }

    /** Ends the session if a limit is reached; true when it did. */
    boolean endIfOver(UI ui) {
        Optional<Ended> ended = over(ui);
        ended.ifPresent(why -> signOut(ui, why));
        return ended.isPresent();
    }

    /**
     * Sends the tab to the sign-in page saying why, and marks the session over: the request that
     * brings the sign-in page (or any other of its tabs' next request) ends it before anything
     * else reads it. Ending it here, while the tab still has to be told where to go, would close
     * the push connection that tells it.
     */
    void signOut(UI ui, Ended why) {
        VaadinSession session = ui.getSession();
        if (session != null && session.getSession() != null) {
            session.getSession().setAttribute(ENDED, why.parameter);
        }
        ui.getPage().setLocation("login?" + why.parameter);
    }

    /** A refusal met by a view because the account was disabled meanwhile reads as a sign-out, not as an exception. */
    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> {
            var fallback = init.getSession().getErrorHandler();
            init.getSession().setErrorHandler(error -> {
                UI ui = UI.getCurrent();
                SignedInCheck check = users.getIfAvailable();
                if (ui != null && deniedAccess(error) && check != null && !check.stillSignedIn()) {
                    signOut(ui, Ended.DISABLED);
                    return;
                }
                fallback.error(error);
            });
        });
    }

    private static boolean deniedAccess(ErrorEvent error) {
        for (Throwable t = error.getThrowable(); t != null; t = t.getCause()) {
            if (t instanceof org.springframework.security.access.AccessDeniedException) {
                return true;
            }
        }
        return false;
    }
}
