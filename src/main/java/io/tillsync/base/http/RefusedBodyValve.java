package io.tillsync.base.http;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Closes the connection after the answer to a body the server will not read. Tomcat otherwise
 * reads what is left of an unread body before the connection takes its next request, up to
 * {@code server.tomcat.max-swallow-size} and with no limit of time: a client sending one byte a
 * second would keep that going for a day. Servlet code cannot say "close without reading", so
 * {@link EdgeGuard} marks the request and this valve, around everything else, tells Tomcat.
 */
final class RefusedBodyValve extends ValveBase {

    private static final String ABANDON = RefusedBodyValve.class.getName() + ".abandon";

    RefusedBodyValve() {
        super(true);
    }

    static void abandon(HttpServletRequest request) {
        request.setAttribute(ABANDON, Boolean.TRUE);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        try {
            getNext().invoke(request, response);
        } finally {
            if (request.getAttribute(ABANDON) != null) {
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }
}
