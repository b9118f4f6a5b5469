package io.tillsync.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tills of a morning storm, in a process of their own: reads the tills' specs (ids, tokens,
 * prices) the benchmark enrolled, sends every till's queue at once as {@link Scenarios} does, and
 * writes what it measured for the benchmark to print beside the server's own counts.
 * Arguments: base URL, specs file, batches per till, sales per batch, lines per sale, result file.
 */
public final class StormClient {

    private StormClient() {
    }

    public static void main(String[] args) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        List<Scenarios.TillSpec> specs = json.readValue(Path.of(args[1]).toFile(), new TypeReference<>() {
        });
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Scenarios scenarios = new Scenarios(http, args[0], null, null, null);
        Scenarios.Figures f = scenarios.playStorm(specs, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        json.writeValue(Path.of(args[5]).toFile(), f.raw());
    }
}
