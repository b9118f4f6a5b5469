package io.tillsync.base.http;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What a request may cost the server before anyone knows who sent it: how big its body may be,
 * how slowly it may arrive, how many requests one address may have open at once, and which
 * peers may say where a request came from.
 *
 * @param bodies               the largest body each kind of endpoint takes, unless a module declares its own ({@link io.tillsync.base.BodyLimit})
 * @param bodyGrace            a body may take this long whatever its size
 * @param minBodyRate          and past that must keep arriving at this many bytes a second on average
 * @param maxBodyTime          however fast, a body must be in within this time
 * @param bufferedBodies       all bodies being read at once hold at most this much memory; past it, 503
 * @param drainRefused         a refused body still on its way is read and dropped up to this size, so an
 *                             honest client sees the answer; a bigger one (or a slow one) has its connection closed
 * @param maxInFlightPerAddress requests one client address may have open at once; more get 429 at once
 * @param trustedProxies       peers (addresses or CIDR blocks) whose X-Forwarded-For / -Proto is believed;
 *                             empty: no one's, whatever {@code server.forward-headers-strategy} says
 */
@ConfigurationProperties("tillsync.http")
record EdgeSettings(Bodies bodies, Duration bodyGrace, DataSize minBodyRate, Duration maxBodyTime, DataSize bufferedBodies,
                           DataSize drainRefused, int maxInFlightPerAddress, List<String> trustedProxies) {

    /**
     * Body limits by endpoint: a pairing code, a resolution and an enrollment are a few hundred
     * bytes; a merged sale may carry many lines; a back-office request carries a few field values.
     */
    record Bodies(DataSize pair, DataSize resolve, DataSize admin, DataSize api, DataSize login, DataSize backOffice) {
        public Bodies {
            pair = orElse(pair, DataSize.ofKilobytes(1));
            resolve = orElse(resolve, DataSize.ofKilobytes(256));
            admin = orElse(admin, DataSize.ofKilobytes(16));
            api = orElse(api, DataSize.ofKilobytes(16));
            login = orElse(login, DataSize.ofKilobytes(4));
            backOffice = orElse(backOffice, DataSize.ofMegabytes(1));
        }
    }

    public EdgeSettings {
        bodies = bodies == null ? new Bodies(null, null, null, null, null, null) : bodies;
        bodyGrace = bodyGrace == null ? Duration.ofSeconds(10) : bodyGrace;
        minBodyRate = orElse(minBodyRate, DataSize.ofKilobytes(1));
        maxBodyTime = maxBodyTime == null ? Duration.ofSeconds(120) : maxBodyTime;
        bufferedBodies = orElse(bufferedBodies, DataSize.ofBytes(Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 8)));
        drainRefused = orElse(drainRefused, DataSize.ofMegabytes(8));
        maxInFlightPerAddress = maxInFlightPerAddress <= 0 ? 64 : maxInFlightPerAddress;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    private static DataSize orElse(DataSize value, DataSize otherwise) {
        return value == null || value.toBytes() <= 0 ? otherwise : value;
    }
}
