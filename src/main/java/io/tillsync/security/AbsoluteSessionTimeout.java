package io.tillsync.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import io.tillsync.backoffice.SessionSettings;
import java.time.Clock;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import java.time.Duration;
import java.time.Instant;
import io.tillsync.backoffice.SessionLimits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a back-office session a fixed time after sign-in however busy it is, so a till-side
 * tablet left signed in does not stay signed in for days; and one whose person has not used it
 * for the idle timeout ({@code server.servlet.session.timeout}), even when its tab keeps talking to
 * the server (a live view asks for rows on its own; {@link io.tillsync.backoffice.SessionLimits}
 * keeps the time of real use), or one the back-office marked over (idle, disabled account). The
 * container's own timeout covers a closed tab. Runs before Spring Security, so the request that
 * finds the session over is already treated as signed out.
 */
@Component
@Order(-200)
class AbsoluteSessionTimeout extends OncePerRequestFilter {

    private final Duration limit;
    private final Duration idle;
    private final Clock clock;

    @Autowired
    AbsoluteSessionTimeout(SessionSettings settings, ServerProperties server, Clock clock) {
        this(settings.absoluteTimeout(), SessionSettings.idle(server), clock);
    }

    AbsoluteSessionTimeout(Duration limit, Duration idle, Clock clock) {
        this.limit = limit;
        this.idle = idle;
        this.clock = clock;
    }

    AbsoluteSessionTimeout(Duration limit, Clock clock) {
        this(limit, Duration.ofMinutes(30), clock);
    }

    private boolean over(HttpSession session) {
        try {
            Object lastUse = session.getAttribute(SessionLimits.LAST_USE);
            return session.getAttribute(SessionLimits.ENDED) != null
                    || clock.millis() - session.getCreationTime() > limit.toMillis()
                    || lastUse instanceof Instant last && clock.instant().isAfter(last.plus(idle));
        } catch (IllegalStateException alreadyEnded) {
            return false;
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // the device API and probes are stateless and never have a session to end
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && over(session)) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyEnded) {
                // another request of the same session ended it a moment ago
            }
        }
        chain.doFilter(request, response);
    }
}
