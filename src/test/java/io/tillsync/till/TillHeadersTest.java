package io.tillsync.till;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every answer under /till/ forbids foreign code, framing and type guessing; the page has nothing inline to allow. */
@IntegrationTest
class TillHeadersTest {

    @LocalServerPort
    int port;

    @Test
    void every_till_answer_carries_a_strict_policy_nosniff_and_deny() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/till/", "/till/index.html", "/till/sw.js", "/till/manifest.json", "/till/app.js", "/till/app.css",
                "/till/icon.svg", "/till/no-such-file.js", "/till")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).contains("default-src 'self'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(r.headers().allValues("X-Content-Type-Options")).as(path).containsExactly("nosniff");
            assertThat(r.headers().allValues("X-Frame-Options")).as(path).containsExactly("DENY");
        }
    }

    @Test
    void the_page_has_no_inline_script_or_style() throws Exception {
        String html = Files.readString(Path.of("frontend/till/index.html"));
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContain("<style", "style=", " onclick=", " onload=");
    }
}
