package io.tillsync.backoffice;

import java.time.Duration;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a back-office session lasts ({@code tillsync.session.*}): however busy, it ends
 * {@code absoluteTimeout} after sign-in. Its idle limit is the container's own,
 * {@code server.servlet.session.timeout}, read through {@link #idle(ServerProperties)}.
 */
@ConfigurationProperties("tillsync.session")
public record SessionSettings(@DefaultValue("12h") Duration absoluteTimeout) {

    /** The idle timeout the container is set to: 30 minutes unless configured otherwise. */
    public static Duration idle(ServerProperties server) {
        Duration timeout = server.getServlet().getSession().getTimeout();
        return timeout == null ? Duration.ofMinutes(30) : timeout;
    }
}
