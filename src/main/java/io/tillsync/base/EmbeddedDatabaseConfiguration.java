package io.tillsync.base;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no external database named by {@code spring.datasource.url}, Tillsync runs on its own
 * embedded MariaDB. The data source depends on the server bean, so Spring closes the pool
 * before it stops the server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedMariaDb embeddedMariaDb(EmbeddedDbProperties properties) {
        return EmbeddedMariaDb.start(Path.of(properties.dataDir()), properties.port());
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedMariaDb db, DataSourceProperties properties) {
        properties.setUrl(db.jdbcUrl());
        properties.setUsername("root");
        properties.setPassword("");
        return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }
}
