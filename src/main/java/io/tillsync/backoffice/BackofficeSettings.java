package io.tillsync.backoffice;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the back-office behaves ({@code tillsync.dashboard.*}).
 *
 * @param refreshSeconds how often an open list or dashboard reads its figures again
 */
@ConfigurationProperties("tillsync.dashboard")
public record BackofficeSettings(@DefaultValue("5") int refreshSeconds) {
}
