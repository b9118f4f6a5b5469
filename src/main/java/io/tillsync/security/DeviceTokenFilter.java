package io.tillsync.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <device token>}. Tokens are accepted in that header only,
 * never from the URL, where proxies and logs would keep them.
 */
final class DeviceTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final DeviceAuthenticator devices;
    private final DeviceRateLimiter limiter;

    DeviceTokenFilter(DeviceAuthenticator devices, DeviceRateLimiter limiter) {
        this.devices = devices;
        this.limiter = limiter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            java.util.Optional<? extends DeviceIdentity> device;
            try {
                device = devices.authenticate(header.substring(BEARER.length()).strip());
            } catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
                // the database is away (restarting, failing over): say so in the API's shape, the till retries
                response.setHeader("Retry-After", "2");
                SecurityConfig.writeError(response, 503, "service_unavailable", "The server cannot reach its database; retry shortly");
                return;
            }
            if (device.isEmpty()) {
                SecurityConfig.writeError(response, 401, "invalid_token", "The device token is unknown, revoked or replaced");
                return;
            }
            long wait = request.getRequestURI().startsWith("/api/v1/pos/") ? limiter.acquire(device.get().devicePk()) : 0;
            if (wait > 0) {
                response.setHeader("Retry-After", Long.toString(wait));
                SecurityConfig.writeError(response, 429, "rate_limited", "Too many requests from this device; retry after " + wait + " s");
                return;
            }
            SecurityContextHolder.getContext().setAuthentication(new DeviceAuthentication(device.get()));
        }
        chain.doFilter(request, response);
    }
}
