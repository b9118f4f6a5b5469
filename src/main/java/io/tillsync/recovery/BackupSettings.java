package io.tillsync.recovery;

import java.time.Duration;
import java.time.ZonedDateTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.support.CronExpression;

/**
 * Where backups go, when they are taken and how long they are kept.
 *
 * @param dir       folder of the backups; on another disk than the database, or a backup dies with it
 * @param cron      when the scheduled backup runs (Spring cron, server time zone); "-" turns it off
 * @param keepDays  backups older than this are deleted after each new one (the newest is always kept)
 * @param verify    whether each scheduled backup is restored into a scratch database and counted
 * @param toolsDir  folder holding mariadb-dump and mariadb; empty: the embedded server's, else the PATH
 */
@ConfigurationProperties("tillsync.backup")
public record BackupSettings(String dir, String cron, int keepDays, boolean verify, String toolsDir) {

    public BackupSettings {
        if (dir == null || dir.isBlank()) {
            dir = "./backups";
        }
        if (cron == null || cron.isBlank()) {
            cron = "-";
        }
        if (keepDays < 1) {
            keepDays = 7;
        }
    }

    boolean scheduled() {
        return !"-".equals(cron);
    }

    /**
     * How old the newest backup may be before the dashboard warns: one and a half times the
     * schedule's interval (36 hours for a nightly one), so a late run is tolerated and a missed one
     * is not. Null without a schedule: nothing is promised.
     */
    Duration promisedAge(ZonedDateTime now) {
        if (!scheduled()) {
            return null;
        }
        CronExpression expression = CronExpression.parse(cron);
        ZonedDateTime next = expression.next(now);
        ZonedDateTime after = next == null ? null : expression.next(next);
        return after == null ? null : Duration.between(next, after).multipliedBy(3).dividedBy(2);
    }
}
