package io.tillsync.base.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Percent-decoding that refuses what is not UTF-8 ({@code %ff}, {@code %c3%28}, an encoded
 * surrogate {@code %ed%a0%80}) or not an escape at all ({@code %zz}), instead of guessing.
 * Used for the query string of every request and for form bodies.
 */
final class StrictQuery {

    /** A parameter whose name or value does not decode; {@code name} is printable for an error message. */
    static final class Malformed extends Exception {
        final String name;

        Malformed(String name) {
            super(name, null, false, false);
            this.name = name;
        }
    }

    private StrictQuery() {
    }

    /** The parameters of {@code a=1&b=2} in order, each name with its values; throws on the first that does not decode. */
    static Map<String, List<String>> parse(String query) throws Malformed {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            String name;
            try {
                name = decode(rawName);
            } catch (IllegalArgumentException e) {
                throw new Malformed(printable(rawName));
            }
            try {
                params.computeIfAbsent(name, k -> new ArrayList<>()).add(decode(rawValue));
            } catch (IllegalArgumentException e) {
                throw new Malformed(printable(name));
            }
        }
        return params;
    }

    static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("truncated escape");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("not an escape");
                }
                bytes.put((byte) ((hi << 4) | lo));
                i += 2;
            } else if (c == '+') {
                bytes.put((byte) ' ');
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8");
        }
    }

    /** A name fit for an error message: printable ASCII, at most 40 characters. */
    static String printable(String name) {
        String clean = name.replaceAll("[^\\x21-\\x7e]|[\"\\\\]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) : clean;
    }
}
