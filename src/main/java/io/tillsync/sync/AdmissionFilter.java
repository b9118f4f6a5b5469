package io.tillsync.sync;

import io.tillsync.base.ApiEnvelope;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Admission for batches ({@link Admission}), right after the edge has read the body and ahead of
 * everything else. In a storm most batches are refused, so a refusal must cost next to nothing:
 * it is answered before the token is checked and before the security filters run (a busy answer
 * tells nobody anything), and the batch's place is given back when its answer is written.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AdmissionFilter implements Filter {

    private final Admission admission;
    private final SyncMetrics metrics;

    AdmissionFilter(Admission admission, SyncMetrics metrics) {
        this.admission = admission;
        this.metrics = metrics;
    }

    static final String PATH = "/api/v1/pos/offline/batch-sync";

    // the same answer for every refusal, made once: in a storm most batches get it
    private static final byte[] BUSY = ApiEnvelope.errorJson(503, "server_busy", "The server is working on as many batches as "
            + "it takes; send the same batch again after Retry-After seconds").getBytes(StandardCharsets.UTF_8);

    /*
     * A plain filter, not a OncePerRequestFilter: Spring Boot registers it for the request dispatch
     * only, so a batch enters once even when its answer is an error page.
     */
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (!"POST".equals(request.getMethod()) || !PATH.equals(request.getRequestURI())) {
            chain.doFilter(req, res);
            return;
        }
        long started = System.nanoTime();
        // the body is in memory already (base.http.EdgeGuard runs first): a place is never held for a slow upload
        Admission.Place place = admission.enter(Admission.tillOf(request.getHeader("Authorization")));
        if (place == null) {
            // not logged per device: a storm of these is the server's state, not the till's health
            metrics.batch("busy", Duration.ofNanos(System.nanoTime() - started));
            HttpServletResponse response = (HttpServletResponse) res;
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", Integer.toString(admission.retryAfterSeconds()));
            response.setContentType("application/json");
            response.setContentLength(BUSY.length);
            response.getOutputStream().write(BUSY);
            return;
        }
        try {
            chain.doFilter(req, res);
        } finally {
            admission.leave(place);
        }
    }
}
