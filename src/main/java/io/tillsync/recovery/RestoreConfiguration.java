package io.tillsync.recovery;

import io.tillsync.base.EmbeddedMariaDb;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A restore runs inside the start, at the one moment nothing uses the database yet: after the data
 * source exists and before Liquibase migrates. Liquibase is made to wait for it, and the new epoch is
 * written after Liquibase, before the web port lets a till in.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${tillsync.restore.backup:}' != '' or '${tillsync.restore.taken-at:}' != ''")
class RestoreConfiguration {

    static final String RESTORE = "restoreBeforeMigrations";

    @Bean
    static BeanFactoryPostProcessor liquibaseWaitsForRestore() {
        return factory -> {
            if (factory.containsBeanDefinition("liquibase")) {
                BeanDefinition liquibase = factory.getBeanDefinition("liquibase");
                String[] before = liquibase.getDependsOn() == null ? new String[0] : liquibase.getDependsOn();
                String[] after = java.util.Arrays.copyOf(before, before.length + 1);
                after[before.length] = RESTORE;
                liquibase.setDependsOn(after);
            }
        };
    }

    @Bean(RESTORE)
    Restore.Done restoreBeforeMigrations(RestoreSettings restore, BackupSettings settings, DataSource dataSource,
                                         ObjectProvider<EmbeddedMariaDb> embedded) {
        if (!restore.asked()) {
            return Restore.restoredElsewhere(restore.takenAt());
        }
        // no JdbcTemplate or Backups here: Spring makes those wait for Liquibase, which waits for this
        return new Restore(Backups.dirOf(settings), DatabaseTarget.of(dataSource, embedded.getIfAvailable(), settings)).run(restore);
    }

    @Bean
    @DependsOn("liquibase")
    RestoreRecord restoreRecord(Restore.Done done, JdbcTemplate jdbc) {
        return RestoreRecord.write(done, jdbc);
    }
}
