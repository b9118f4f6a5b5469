package io.tillsync.recovery;

import com.zaxxer.hikari.HikariDataSource;
import io.tillsync.base.EmbeddedMariaDb;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The database the application uses, as MariaDB's command-line tools need it: host, port,
 * credentials and schema from the pool's URL, and the tools from the embedded server's binaries
 * (which match its version) or from the PATH for an external server.
 */
record DatabaseTarget(String host, int port, String user, String password, String schema, Path toolsDir) {

    static DatabaseTarget of(DataSource dataSource, EmbeddedMariaDb embedded, BackupSettings settings) {
        if (!(dataSource instanceof HikariDataSource pool)) {
            throw new IllegalStateException("Backups need the connection pool's URL; the data source is a " + dataSource.getClass().getName());
        }
        // jdbc:mariadb://host:port/schema?options, also jdbc:mariadb:sequential://h1,h2/schema: the first host
        String url = pool.getJdbcUrl().replaceFirst("^jdbc:mariadb:(\\w+:)?//", "mariadb://");
        String authority = url.substring("mariadb://".length()).split("[/?]", 2)[0].split(",")[0];
        URI uri = URI.create("mariadb://" + authority + "/");
        String rest = url.substring(("mariadb://").length());
        int slash = rest.indexOf('/');
        String schema = slash < 0 ? "" : rest.substring(slash + 1).split("\\?", 2)[0];
        if (schema.isEmpty()) {
            throw new IllegalStateException("The database URL names no schema: " + pool.getJdbcUrl());
        }
        Path tools;
        if (settings.toolsDir() != null && !settings.toolsDir().isBlank()) {
            tools = Path.of(settings.toolsDir());
        } else if (embedded != null) {
            tools = embedded.root().resolve("mariadb-base").resolve("bin");
        } else {
            tools = null;
        }
        return new DatabaseTarget(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 3306,
                pool.getUsername(), pool.getPassword() == null ? "" : pool.getPassword(), schema, tools);
    }

    /** The command line of one of MariaDB's tools, connected to this server; the password goes by environment. */
    List<String> command(String tool, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary(tool));
        // --no-defaults first: an operator's ~/.my.cnf must not point the tool at another server
        command.add("--no-defaults");
        command.add("--host=" + host);
        command.add("--port=" + port);
        command.add("--user=" + user);
        command.add("--protocol=TCP");
        command.add("--skip-ssl");
        command.addAll(List.of(args));
        return command;
    }

    Map<String, String> environment() {
        // MYSQL_PWD keeps the password out of the process list
        return Map.of("MYSQL_PWD", password);
    }

    private String binary(String tool) {
        if (toolsDir != null && Files.isExecutable(toolsDir.resolve(tool))) {
            return toolsDir.resolve(tool).toString();
        }
        return tool;
    }
}
