package io.tillsync.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Tillsync node as its own JVM (the main class from this classpath) on the port HAProxy sends
 * it traffic on, so it can be killed with SIGKILL and started again in place.
 */
final class ClusterApp implements AutoCloseable {

    final String name;
    final int port;
    private final Path log;
    private final Map<String, String> env;
    private Process process;

    ClusterApp(String name, int port, Path workDir, Map<String, String> env) throws IOException {
        this.name = name;
        this.port = port;
        Files.createDirectories(workDir);
        this.log = workDir.toAbsolutePath().resolve(name + ".log");
        this.env = env;
    }

    void start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.tillsync.Application",
                "--server.port=" + port, "--vaadin.productionMode=true", "--spring.main.banner-mode=off"));
        // run in the work folder: from the project folder, Liquibase would find the changelog twice
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(log.getParent().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        process = pb.start();
    }

    void awaitReady(HttpClient http) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready within 5 minutes; see " + log);
            }
            Thread.sleep(250);
        }
    }

    /** SIGKILL: no graceful shutdown, requests cut in the middle. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
