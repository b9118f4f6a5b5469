package io.tillsync.backoffice;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinServletService;
import com.vaadin.flow.server.communication.JSR356WebsocketInitializer;
import org.atmosphere.cpr.AtmosphereFramework;
import org.atmosphere.cpr.ApplicationConfig;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every open tab holds one push connection, and Atmosphere gives each a byte and a char buffer
 * of Vaadin's 16 KiB setting: 48 KiB of heap per tab, about a tenth of a whole back-office
 * session. Atmosphere fills them only for a message that arrives as a stream, which the
 * container's websocket endpoint never hands it (messages arrive whole), and grows them by
 * doubling when one does, so they start small. Each connection reads the setting when it opens:
 * changing it once Vaadin has set up Atmosphere applies to every tab. The message size limits
 * stay as Vaadin sets them.
 */
@Component
class PushBuffers implements VaadinServiceInitListener {

    static final String SIZE = "1024";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        if (!(event.getSource() instanceof VaadinServletService service)) {
            return;
        }
        Object atmosphere = service.getServlet().getServletContext()
                .getAttribute(JSR356WebsocketInitializer.getAttributeName(service.getServlet().getServletName()));
        if (atmosphere instanceof AtmosphereFramework framework) {
            framework.addInitParameter(ApplicationConfig.WEBSOCKET_BUFFER_SIZE, SIZE);
        } else {
            LoggerFactory.getLogger(PushBuffers.class).debug("Push buffers keep Vaadin's size: Atmosphere was not set up beforehand");
        }
    }
}
