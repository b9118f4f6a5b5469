package io.tillsync.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a back-office session a fixed time after sign-in however busy it is, so a till-side
 * tablet left signed in does not stay signed in for days. The idle timeout
 * ({@code server.servlet.session.timeout}) covers the quiet case; Vaadin's heartbeats would keep
 * an open tab alive, which is why {@code vaadin.closeIdleSessions} is on. Runs before Spring
 * Security, so the request that finds the session too old is already treated as signed out.
 */
@Component
@Order(-200)
class AbsoluteSessionTimeout extends OncePerRequestFilter {

    private final Duration limit;
    private final Clock clock;

    @Autowired
    AbsoluteSessionTimeout(@Value("${tillsync.session.absolute-timeout:12h}") Duration limit) {
        this(limit, Clock.systemUTC());
    }

    AbsoluteSessionTimeout(Duration limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
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
        if (session != null && clock.millis() - session.getCreationTime() > limit.toMillis()) {
            session.invalidate();
        }
        chain.doFilter(request, response);
    }
}
