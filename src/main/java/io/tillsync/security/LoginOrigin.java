package io.tillsync.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sign-in form takes posts from Tillsync's own pages only. Vaadin's login form posts without a
 * CSRF token, so without this a page on another site could post a username and password to
 * {@code /login} and sign the visitor's browser in as someone else (login CSRF: the visitor then
 * works, or types, in the attacker's account). Browsers say where a post comes from: modern ones
 * in {@code Sec-Fetch-Site}, all of them in {@code Origin} on a POST. A post that a browser marks
 * as coming from elsewhere is refused; a client that is no browser sends neither header and is no
 * way to reach someone else's browser, so it goes on to the password check as before.
 */
@Component
@Order(-150)
class LoginOrigin extends OncePerRequestFilter {

    private static final byte[] REFUSED = "Sign in from Tillsync's own sign-in page.\n".getBytes(StandardCharsets.UTF_8);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !"/login".equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (fromElsewhere(request.getHeader("Sec-Fetch-Site"), request.getHeader("Origin"), request.getHeader("Host"))) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            response.setContentLength(REFUSED.length);
            response.getOutputStream().write(REFUSED);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * True when the browser says the post comes from another site. Only the host and port are
     * compared with the address the browser asked for: behind a proxy that ends TLS, the server
     * may not know the scheme the browser used.
     */
    static boolean fromElsewhere(String fetchSite, String origin, String host) {
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return true;
        }
        if (origin == null) {
            return false;
        }
        if (origin.equals("null") || host == null) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return uri.getHost() == null || !authority.equalsIgnoreCase(stripDefaultPort(host, uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static String stripDefaultPort(String host, String scheme) {
        if (("https".equals(scheme) && host.endsWith(":443")) || ("http".equals(scheme) && host.endsWith(":80"))) {
            return host.substring(0, host.lastIndexOf(':'));
        }
        return host;
    }
}
