package io.tillsync;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.lumo.Lumo;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("styles/backoffice.css")
public class Application implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(Application.class, withShortcuts(args));
    }

    /**
     * {@code --demo}: the embedded database with demo data and simulated tills selling on it.
     * {@code --restore=<backup id|latest>}: show what restoring that backup would do; with {@code --yes}, do it and start.
     * {@code --restored-from=<instant>}: the database was restored by other means; tills resend from then on.
     */
    static String[] withShortcuts(String[] args) {
        return java.util.Arrays.stream(args).map(a -> switch (a) {
            case "--demo" -> "--tillsync.demo.traffic.enabled=true";
            case "--yes" -> "--tillsync.restore.confirmed=true";
            case "--restore" -> "--tillsync.restore.backup=latest";
            default -> a.startsWith("--restore=") ? "--tillsync.restore.backup=" + a.substring("--restore=".length())
                    : a.startsWith("--restored-from=") ? "--tillsync.restore.taken-at=" + a.substring("--restored-from=".length()) : a;
        }).toArray(String[]::new);
    }
}
