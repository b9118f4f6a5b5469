package io.tillsync.base;

import java.util.Collection;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * A WHERE clause built from optional filters, with its parameters bound by name: every list and
 * filter of the back-office builds its conditions here, so a value never reaches the SQL text and
 * an absent filter adds nothing. A condition that can match nothing (a manager's branch list that
 * is empty) makes {@link #matchesNothing()} true, and the caller answers empty without a query.
 */
public final class Where {

    private final StringBuilder sql = new StringBuilder();
    private final MapSqlParameterSource params;
    private boolean nothing;

    public Where() {
        this(new MapSqlParameterSource());
    }

    /** A clause whose parameters go into {@code params}, shared with other clauses of the same query. */
    public Where(MapSqlParameterSource params) {
        this.params = params;
    }

    /** Adds {@code condition} (naming {@code :param}) bound to {@code value}, unless the value is null. */
    public Where and(String condition, String param, Object value) {
        if (value != null) {
            append(condition);
            params.addValue(param, value);
        }
        return this;
    }

    /** Adds a condition that needs no parameter, when {@code applies}. */
    public Where andIf(boolean applies, String condition) {
        if (applies) {
            append(condition);
        }
        return this;
    }

    /**
     * Limits {@code column} to {@code values}; null means no limit, an empty collection means nothing
     * can match.
     */
    public Where in(String column, String param, Collection<?> values) {
        if (values == null) {
            return this;
        }
        if (values.isEmpty()) {
            nothing = true;
            return this;
        }
        append(column + " IN (:" + param + ")");
        params.addValue(param, values);
        return this;
    }

    /** {@code column} starts with {@code prefix}, typed as it is: {@code %}, {@code _} and {@code !} match themselves. */
    public Where startsWith(String column, String param, String prefix) {
        if (prefix == null || prefix.isBlank()) {
            return this;
        }
        append(column + " LIKE :" + param + " ESCAPE '!'");
        params.addValue(param, prefix.strip().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        return this;
    }

    /** Binds a parameter the rest of the query names (a limit, an offset). */
    public Where bind(String param, Object value) {
        params.addValue(param, value);
        return this;
    }

    /** True when a filter can match no row at all. */
    public boolean matchesNothing() {
        return nothing;
    }

    /** {@code " WHERE a AND b"}, or an empty string without conditions. */
    public String sql() {
        return sql.isEmpty() ? "" : " WHERE " + sql;
    }

    /** The conditions alone, to follow a WHERE the query writes itself: {@code " AND a AND b"}, or empty. */
    public String andSql() {
        return sql.isEmpty() ? "" : " AND " + sql;
    }

    public MapSqlParameterSource params() {
        return params;
    }

    private void append(String condition) {
        if (!sql.isEmpty()) {
            sql.append(" AND ");
        }
        sql.append(condition);
    }
}
