package io.tillsync.backoffice;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import jakarta.annotation.PostConstruct;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * Drops one error line of Atmosphere, the push library under Vaadin, that says nothing is wrong.
 * When a tab closes, Vaadin closes its push connection on the page's unload beacon while the
 * container closes the websocket on another thread. When the container's side runs Atmosphere's
 * handler just after Vaadin's side has torn the connection's event down, the handler
 * ({@code AbstractReflectorAtmosphereHandler.onStateChange}) finds no resource and
 * {@code AsynchronousProcessor} logs "Failed to cancel resource: …" with a NullPointerException
 * ("… because "resource" is null"). Nothing is lost: the other thread has already closed and
 * cleaned up the connection. Atmosphere has not guarded that call in any release (it fixed the same
 * race in its session cleanup, Atmosphere #2527), and no push setting avoids it: long polling
 * would change how every tab is pushed to, and Atmosphere's close delay only narrows the window.
 * So exactly that line is dropped (that logger, that message, that exception from that method);
 * every other error of Atmosphere is logged as before.
 */
@Component
class PushTeardownNoise {

    static final String LOGGER = "org.atmosphere.cpr.AsynchronousProcessor";
    static final String MESSAGE = "Failed to cancel resource: {}";
    private static final String HANDLER = "org.atmosphere.handler.AbstractReflectorAtmosphereHandler";

    @PostConstruct
    void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(Filter.class::isInstance)) {
            Filter filter = new Filter();
            filter.setName("push-teardown-race");
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    /** The race's own line: its exception is a NullPointerException thrown by the handler's state change. */
    static boolean isTeardownRace(String loggerName, String format, Throwable thrown) {
        if (!LOGGER.equals(loggerName) || !MESSAGE.equals(format) || !(thrown instanceof NullPointerException)) {
            return false;
        }
        StackTraceElement[] stack = thrown.getStackTrace();
        return stack.length > 0 && HANDLER.equals(stack[0].getClassName()) && "onStateChange".equals(stack[0].getMethodName());
    }

    static final class Filter extends TurboFilter {

        @Override
        public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
            if (logger == null || !LOGGER.equals(logger.getName())) {
                return FilterReply.NEUTRAL;
            }
            // SLF4J passes the exception of "{}"-style calls as the last argument
            Throwable thrown = t != null ? t : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
            return isTeardownRace(logger.getName(), format, thrown) ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
    }
}
