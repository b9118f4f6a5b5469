package io.tillsync.base;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The web server opens its port before the start finishes: the first-start admin user and the demo
 * data are made after it. Until then every request but the health probes is answered 503 with
 * Retry-After, so nobody is told "wrong password" for a user about to exist, and a till simply retries.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartupGate extends OncePerRequestFilter {

    private volatile boolean ready;

    @EventListener(ApplicationReadyEvent.class)
    void open() {
        ready = true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (ready || request.getRequestURI().startsWith("/actuator/health")) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(503);
        response.setHeader("Retry-After", "1");
        response.setContentType("application/json");
        response.getWriter().write(ApiEnvelope.errorJson(503, "starting", "Tillsync is starting; retry in a moment"));
    }
}
