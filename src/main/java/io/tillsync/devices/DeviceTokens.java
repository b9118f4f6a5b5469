package io.tillsync.devices;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Device tokens: {@code tsd_<prefix>_<secret>}, 256 random bits. The prefix is readable in the
 * back-office so an admin can tell tokens apart; the server stores only a SHA-256 of the whole
 * token. A slow password hash buys nothing for a secret this long and would cost every request.
 */
final class DeviceTokens {

    record Issued(String token, String prefix, String hash) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private DeviceTokens() {
    }

    static Issued issue() {
        byte[] prefixBytes = new byte[6];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(prefixBytes);
        RANDOM.nextBytes(secret);
        String prefix = "tsd_" + HexFormat.of().formatHex(prefixBytes);
        String token = prefix + "_" + URL.encodeToString(secret);
        return new Issued(token, prefix, hash(token));
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean looksLikeToken(String token) {
        return token != null && token.length() >= 20 && token.length() <= 100 && token.startsWith("tsd_");
    }
}
