package io.tillsync.backoffice;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares two JSON documents field by field, left (what the device sent) against right (the
 * server's version). Arrays of objects are lined up by {@code product_id} when every element has
 * a distinct one, else by position, so a basket whose lines moved still compares line by line.
 * {@link #merge} walks the same way, so each path shown in a diff is a place the user can pick.
 */
public final class JsonDiff {

    public enum Kind { SAME, CHANGED, ADDED, REMOVED }

    /**
     * One compared place. {@code left}/{@code right} are {@link MissingNode} where a side lacks it.
     *
     * @param group true for an object or array line that only heads its fields
     */
    public record Row(String path, String label, int depth, Kind kind, JsonNode left, JsonNode right, boolean group) {

        public boolean differs() {
            return kind != Kind.SAME && !group;
        }
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /**
     * What the server works out itself when it books (the variance, its ids, the transaction code) and
     * the notes it stores beside a rule: never something the till got wrong, so never a difference and
     * never a pick in a merge.
     */
    public static final Set<String> BOOKKEEPING = Set.of("price_variance", "server_id", "transaction_code", "server_unit_price",
            "issues", "message", "rule");

    private JsonDiff() {
    }

    public static List<Row> diff(JsonNode left, JsonNode right) {
        List<Row> rows = new ArrayList<>();
        compare("", "", 0, orMissing(left), orMissing(right), rows);
        return rows;
    }

    /** Only the rows a merge has to decide. */
    public static List<Row> differences(JsonNode left, JsonNode right) {
        return diff(left, right).stream().filter(Row::differs).toList();
    }

    /**
     * Builds a document from both sides: where they agree, their value; where they differ, the pick
     * for that path ({@link MissingNode} to leave the field or line out), else the left value.
     */
    public static JsonNode merge(JsonNode left, JsonNode right, Map<String, JsonNode> picks) {
        return mergeAt("", orMissing(left), orMissing(right), picks);
    }

    private static void compare(String path, String label, int depth, JsonNode l, JsonNode r, List<Row> rows) {
        if (l.isObject() && r.isObject()) {
            if (!path.isEmpty()) {
                rows.add(new Row(path, label, depth, l.equals(r) ? Kind.SAME : Kind.CHANGED, l, r, true));
            }
            for (String key : keys(l, r)) {
                if (BOOKKEEPING.contains(key)) {
                    continue;
                }
                compare(child(path, key), key, path.isEmpty() ? 0 : depth + 1, orMissing(l.get(key)), orMissing(r.get(key)), rows);
            }
            return;
        }
        if (l.isArray() && r.isArray() && objects(l) && objects(r)) {
            rows.add(new Row(path, label, depth, l.equals(r) ? Kind.SAME : Kind.CHANGED, l, r, true));
            for (Pair p : align(path, l, r)) {
                if (p.left.isMissingNode() || p.right.isMissingNode()) {
                    rows.add(new Row(p.path, p.label, depth + 1, p.left.isMissingNode() ? Kind.ADDED : Kind.REMOVED, p.left, p.right, false));
                } else {
                    compare(p.path, p.label, depth + 1, p.left, p.right, rows);
                }
            }
            return;
        }
        rows.add(new Row(path, label, depth, kind(l, r), l, r, false));
    }

    private static JsonNode mergeAt(String path, JsonNode l, JsonNode r, Map<String, JsonNode> picks) {
        if (l.isObject() && r.isObject()) {
            ObjectNode out = F.objectNode();
            for (String key : keys(l, r)) {
                if (BOOKKEEPING.contains(key)) {
                    // the device's document as sent; the server fills these in itself when it books
                    if (l.has(key)) {
                        out.set(key, l.get(key));
                    }
                    continue;
                }
                JsonNode v = mergeAt(child(path, key), orMissing(l.get(key)), orMissing(r.get(key)), picks);
                if (!v.isMissingNode()) {
                    out.set(key, v);
                }
            }
            return out;
        }
        if (l.isArray() && r.isArray() && objects(l) && objects(r)) {
            ArrayNode out = F.arrayNode();
            for (Pair p : align(path, l, r)) {
                JsonNode v = p.left.isMissingNode() || p.right.isMissingNode()
                        ? picks.getOrDefault(p.path, p.left) : mergeAt(p.path, p.left, p.right, picks);
                if (!v.isMissingNode()) {
                    out.add(v);
                }
            }
            return out;
        }
        if (Objects.equals(l, r) || kind(l, r) == Kind.SAME) {
            return l;
        }
        return picks.getOrDefault(path, l);
    }

    private record Pair(String path, String label, JsonNode left, JsonNode right) {
    }

    private static List<Pair> align(String path, JsonNode l, JsonNode r) {
        List<Pair> pairs = new ArrayList<>();
        if (keyedBy(l, "product_id") && keyedBy(r, "product_id")) {
            Map<String, JsonNode> left = byKey(l);
            Map<String, JsonNode> right = byKey(r);
            Set<String> keys = new LinkedHashSet<>(left.keySet());
            keys.addAll(right.keySet());
            for (String k : keys) {
                pairs.add(new Pair(path + "[product_id=" + k + "]", "product " + k, orMissing(left.get(k)), orMissing(right.get(k))));
            }
            return pairs;
        }
        for (int i = 0; i < Math.max(l.size(), r.size()); i++) {
            pairs.add(new Pair(path + "[" + i + "]", "#" + (i + 1), orMissing(l.get(i)), orMissing(r.get(i))));
        }
        return pairs;
    }

    private static boolean keyedBy(JsonNode array, String field) {
        Set<String> seen = new HashSet<>();
        for (JsonNode e : array) {
            JsonNode k = e.get(field);
            if (k == null || !k.isValueNode() || !seen.add(k.asString())) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, JsonNode> byKey(JsonNode array) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        array.forEach(e -> m.put(e.get("product_id").asString(), e));
        return m;
    }

    private static boolean objects(JsonNode array) {
        for (JsonNode e : array) {
            if (!e.isObject()) {
                return false;
            }
        }
        return true;
    }

    /** Numbers compare by value: the device's 15000 and the server's 15000.00 are the same money. */
    private static Kind kind(JsonNode l, JsonNode r) {
        if (l.isMissingNode()) {
            return r.isMissingNode() ? Kind.SAME : Kind.ADDED;
        }
        if (r.isMissingNode()) {
            return Kind.REMOVED;
        }
        if (l.isNumber() && r.isNumber()) {
            return l.decimalValue().compareTo(r.decimalValue()) == 0 ? Kind.SAME : Kind.CHANGED;
        }
        if (l.isString() && r.isString()) {
            Instant a = instant(l.asString());
            Instant b = instant(r.asString());
            if (a != null && b != null) {
                // 15:20+07:00 and 08:20Z are the same moment written in two zones
                return a.equals(b) ? Kind.SAME : Kind.CHANGED;
            }
        }
        return l.equals(r) ? Kind.SAME : Kind.CHANGED;
    }

    /** The instant a timestamp with an offset names, or null when the text is not one. */
    public static Instant instant(String text) {
        if (text == null || text.length() < 20 || !Character.isDigit(text.charAt(0)) || text.charAt(10) != 'T') {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notATimestamp) {
            return null;
        }
    }

    private static Set<String> keys(JsonNode l, JsonNode r) {
        Set<String> keys = new LinkedHashSet<>(l.propertyNames());
        keys.addAll(r.propertyNames());
        return keys;
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static JsonNode orMissing(JsonNode n) {
        return n == null ? MissingNode.getInstance() : n;
    }
}
