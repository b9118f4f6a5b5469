package io.tillsync.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.server.communication.JSR356WebsocketInitializer;
import io.tillsync.support.IntegrationTest;
import jakarta.servlet.ServletContext;
import org.atmosphere.cpr.ApplicationConfig;
import org.atmosphere.cpr.AtmosphereFramework;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class PushBuffersTest {

    @LocalServerPort
    int port;
    @Autowired
    ServletContext servletContext;

    @Test
    void push_connections_get_small_unused_buffers_and_keep_vaadins_message_limits() throws Exception {
        // the Vaadin service starts with the first request
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/login")).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        AtmosphereFramework atmosphere = java.util.Collections.list(servletContext.getAttributeNames()).stream()
                .filter(name -> name.startsWith(JSR356WebsocketInitializer.getAttributeName("")))
                .map(servletContext::getAttribute).filter(AtmosphereFramework.class::isInstance).map(AtmosphereFramework.class::cast)
                .findFirst().orElseThrow();

        assertThat(atmosphere.getAtmosphereConfig().getInitParameter(ApplicationConfig.WEBSOCKET_BUFFER_SIZE)).isEqualTo(PushBuffers.SIZE);
        assertThat(atmosphere.getAtmosphereConfig().getInitParameter(ApplicationConfig.WEBSOCKET_MAXTEXTSIZE)).isEqualTo("16384");
    }
}
