package io.tillsync.security;

import io.tillsync.base.Db;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the login throttle saw, for admins: addresses held back now and the latest sign-in attempts. */
@Service
public class SignInLog {

    /** A user-and-address pair that must wait before its next password is checked. */
    public record Block(String username, String source, int failures, int refused, Instant blockedUntil) {
    }

    /** One recorded attempt: {@code outcome} is {@code signed_in} or {@code wrong_password}. */
    public record Attempt(Instant at, String username, String source, String outcome) {
    }

    private final JdbcTemplate jdbc;

    SignInLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<Block> blockedNow() {
        return jdbc.query("SELECT username, source, failures, refused, blocked_until FROM login_throttles"
                        + " WHERE blocked_until > UTC_TIMESTAMP(3) ORDER BY blocked_until DESC LIMIT 200",
                (rs, i) -> new Block(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), Db.instant(rs, 5)));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public Slice<Attempt> attempts(Pageable page) {
        List<Attempt> rows = jdbc.query("SELECT attempted_at, username, source, outcome FROM login_attempts"
                        + " ORDER BY id DESC LIMIT ? OFFSET ?",
                (rs, i) -> new Attempt(Db.instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4)),
                page.getPageSize() + 1, page.getOffset());
        boolean more = rows.size() > page.getPageSize();
        return new SliceImpl<>(more ? rows.subList(0, page.getPageSize()) : rows, page, more);
    }
}
