package io.tillsync.base.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.tillsync.base.ApiEnvelope;
import io.tillsync.base.BodyLimit;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first thing every request meets, before admission, security or any application code:
 * <ul>
 * <li>one client address may have {@code max-in-flight-per-address} requests open at once;</li>
 * <li>the query string must decode as UTF-8, or the request is a 400 naming the parameter;</li>
 * <li>the body is read here, whole, within the endpoint's size limit, at a minimum pace and
 * within the memory set aside for bodies being read. A body that announces more than its limit is
 * refused before a byte of it is read; one that sends more, or too slowly, is refused when it
 * does. The application then reads it from memory: no request thread of the application ever
 * waits on a slow client.</li>
 * </ul>
 * A refused body still on its way is read and dropped only while that is cheap; otherwise the
 * connection is closed after the answer ({@link RefusedBodyValve}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class EdgeGuard implements Filter {

    private final EdgeSettings settings;
    private final List<BodyLimit> limits;
    private final InFlight inFlight;
    private final BodyReader reader;
    private final MeterRegistry registry;

    EdgeGuard(EdgeSettings settings, List<BodyLimit> limits, MeterRegistry registry) {
        this.settings = settings;
        // the longest prefix first, so a module's narrower path wins over a wider one
        this.limits = limits.stream().sorted(Comparator.comparingInt((BodyLimit l) -> l.pathPrefix().length()).reversed()).toList();
        this.inFlight = new InFlight(settings.maxInFlightPerAddress());
        this.reader = new BodyReader(settings, new BodyReader.Budget(settings.bufferedBodies().toBytes()));
        this.registry = registry;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String address = request.getRemoteAddr();
        boolean api = path(request).startsWith("/api/");
        if (!inFlight.enter(address)) {
            count("too_many_requests");
            response.setHeader("Retry-After", "1");
            refuse(request, response, api, 429, "too_many_requests",
                    "This address has as many requests open as it may; retry after 1 s", null, null);
            return;
        }
        try (BodyReader.Reading reading = reader.start()) {
            Map<String, List<String>> query;
            try {
                query = StrictQuery.parse(request.getQueryString());
            } catch (StrictQuery.Malformed e) {
                count("malformed_query");
                refuse(request, response, api, 400, "invalid_parameter",
                        "Invalid parameter: " + e.name + " (its percent-encoding is not UTF-8)", e.name, reading);
                return;
            }
            if (!hasBody(request)) {
                chain.doFilter(request, response);
                return;
            }
            long limit = limit(request);
            byte[] body;
            try {
                body = reading.readAll(request.getInputStream(), request.getContentLengthLong(), limit);
            } catch (BodyReader.Refused e) {
                refuseBody(request, response, api, e.verdict, limit, reading);
                return;
            }
            Map<String, List<String>> form = null;
            if (BufferedRequest.isForm(request)) {
                try {
                    form = StrictQuery.parse(new String(body, StandardCharsets.ISO_8859_1));
                } catch (StrictQuery.Malformed e) {
                    count("malformed_form");
                    refuse(request, response, api, 400, "invalid_parameter",
                            "Invalid parameter: " + e.name + " (its percent-encoding is not UTF-8)", e.name, null);
                    return;
                }
            }
            chain.doFilter(new BufferedRequest(request, body, query, form), response);
        } finally {
            inFlight.leave(address);
        }
    }

    private void refuseBody(HttpServletRequest request, HttpServletResponse response, boolean api, BodyReader.Verdict verdict,
                            long limit, BodyReader.Reading reading) throws IOException {
        count(verdict.name().toLowerCase(java.util.Locale.ROOT));
        switch (verdict) {
            case TOO_LARGE -> refuse(request, response, api, 413, "body_too_large",
                    "Request bodies here are limited to " + limit + " bytes", null, reading);
            case TOO_SLOW, BROKEN -> refuse(request, response, api, 408, "body_too_slow",
                    "The request body arrived too slowly; send it again", null, null);
            case NO_ROOM -> {
                response.setHeader("Retry-After", "1");
                refuse(request, response, api, 503, "server_busy", "The server is reading as many requests as it holds; "
                        + "send the same request again after Retry-After seconds", null, null);
            }
        }
    }

    /**
     * Answers, then reads and drops what is left of the body when that is cheap (an honest
     * client still sending sees the answer instead of a reset); with {@code reading} null, or a
     * body too big or too slow for that, the connection is closed after the answer.
     */
    private void refuse(HttpServletRequest request, HttpServletResponse response, boolean api, int status, String code,
                        String message, String field, BodyReader.Reading reading) throws IOException {
        long declared = request.getContentLengthLong();
        boolean drain = reading != null && hasBody(request) && declared <= settings.drainRefused().toBytes();
        if (!drain && hasBody(request)) {
            RefusedBodyValve.abandon(request);
            response.setHeader("Connection", "close");
        }
        response.setStatus(status);
        byte[] answer;
        if (api) {
            response.setContentType("application/json");
            answer = (field == null ? ApiEnvelope.errorJson(status, code, message)
                    : ApiEnvelope.errorJson(status, code, message).replace("\"}}", "\",\"field\":\"" + field + "\"}}"))
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            response.setContentType("text/plain;charset=UTF-8");
            answer = (message + "\n").getBytes(StandardCharsets.UTF_8);
        }
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
        response.flushBuffer();
        if (drain && !reading.drain(request.getInputStream(), settings.drainRefused().toBytes())) {
            RefusedBodyValve.abandon(request);
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** The largest body this endpoint takes. */
    long limit(HttpServletRequest request) {
        String path = path(request);
        EdgeSettings.Bodies b = settings.bodies();
        for (BodyLimit declared : limits) {
            if (path.startsWith(declared.pathPrefix())) {
                return declared.maxBytes();
            }
        }
        if (path.equals("/api/v1/pos/pair")) {
            return b.pair().toBytes();
        }
        if (path.startsWith("/api/v1/pos/offline/conflicts/")) {
            return b.resolve().toBytes();
        }
        if (path.startsWith("/api/v1/admin/")) {
            return b.admin().toBytes();
        }
        if (path.startsWith("/api/") || path.startsWith("/actuator/")) {
            return b.api().toBytes();
        }
        if (path.equals("/login")) {
            return b.login().toBytes();
        }
        return b.backOffice().toBytes();
    }

    private void count(String reason) {
        registry.counter("tillsync.http.refused", "reason", reason).increment();
    }
}
