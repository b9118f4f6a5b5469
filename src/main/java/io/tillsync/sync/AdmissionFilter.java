package io.tillsync.sync;

import io.tillsync.base.ApiEnvelope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admission for batches ({@link Admission}), ahead of everything else a request goes through. In a
 * storm most batches are refused, so a refusal must cost next to nothing: it is answered before
 * the token is checked and before the security filters run (a busy answer tells nobody anything),
 * and the batch's place is given back when its answer is written.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AdmissionFilter extends OncePerRequestFilter {

    static final String PATH = "/api/v1/pos/offline/batch-sync";

    private final Admission admission;
    private final SyncMetrics metrics;

    AdmissionFilter(Admission admission, SyncMetrics metrics) {
        this.admission = admission;
        this.metrics = metrics;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        Semaphore place = admission.enter();
        if (place == null) {
            // not logged per device: a storm of these is the server's state, not the till's health
            metrics.batch("busy", Duration.ofNanos(System.nanoTime() - started));
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", Integer.toString(admission.retryAfterSeconds()));
            response.setContentType("application/json");
            response.getWriter().write(ApiEnvelope.errorJson(503, "server_busy", "The server is working on as many batches as "
                    + "it takes; send the same batch again after Retry-After seconds"));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            admission.leave(place);
        }
    }
}
