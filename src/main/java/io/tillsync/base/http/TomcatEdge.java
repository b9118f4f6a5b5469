package io.tillsync.base.http;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Tomcat as the edge needs it: the valve that closes connections of refused bodies, and
 * forwarded headers believed from the configured proxies only. With
 * {@code server.forward-headers-strategy=native} alone, Tomcat believes {@code X-Forwarded-For}
 * from any private or loopback peer, so a client on the same network (or the same machine) could
 * name any address it likes: dodge the sign-in throttle by changing it every few guesses, or pin
 * it to someone else's to have them held back. Here the list is {@code tillsync.http.trusted-proxies},
 * empty by default: no one.
 */
@Component
class TomcatEdge implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final EdgeSettings settings;

    TomcatEdge(EdgeSettings settings) {
        this.settings = settings;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // around the host, whose error-page handling must be over before Tomcat is told to close
        factory.addEngineValves(new RefusedBodyValve());
        String proxies = cidrs(settings.trustedProxies());
        List<RemoteIpValve> remoteIp = factory.getEngineValves().stream()
                .filter(RemoteIpValve.class::isInstance).map(RemoteIpValve.class::cast).toList();
        if (remoteIp.isEmpty() && !proxies.isEmpty()) {
            RemoteIpValve valve = new RemoteIpValve();
            valve.setRemoteIpHeader("X-Forwarded-For");
            valve.setProtocolHeader("X-Forwarded-Proto");
            factory.addEngineValves(valve);
            remoteIp = List.of(valve);
        }
        // an empty value believes no one; a list with a '/' is read as CIDR blocks, not a pattern
        remoteIp.forEach(v -> v.setInternalProxies(proxies));
    }

    /** {@code 127.0.0.1, 10.0.0.0/8} as Tomcat's CIDR list: {@code 127.0.0.1/32, 10.0.0.0/8}. */
    static String cidrs(List<String> proxies) {
        return proxies.stream().map(String::strip).filter(p -> !p.isEmpty())
                .map(p -> p.contains("/") ? p : p + (p.contains(":") ? "/128" : "/32"))
                .collect(Collectors.joining(", "));
    }

    @Override
    public int getOrder() {
        // after Spring Boot's own customizer, which adds the RemoteIpValve
        return Ordered.LOWEST_PRECEDENCE;
    }
}
