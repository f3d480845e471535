package io.orderhub.dashboard;

import io.vertx.core.http.HttpClosedException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConsumer;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.LoggingExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dashboard's WebSocket consumer reports besides frames. Vert.x reports a connection that ends without
 * the closing handshake (a killed tab, a lost network, a proxy timing out) as an {@link HttpClosedException} as
 * well as closing it, and Camel's consumer passes that on as an error: for the dashboard it is only a client
 * gone, which the close event already removes. Everything else is still logged as Camel would (WARN).
 */
public class DashboardSocketErrors implements ExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DashboardSocketErrors.class);

    private final ExceptionHandler others;

    public DashboardSocketErrors(CamelContext camel) {
        this.others = new LoggingExceptionHandler(camel, VertxWebsocketConsumer.class);
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (exception instanceof HttpClosedException) {
            log.debug("A dashboard client went away without closing its WebSocket: {}", exception.getMessage());
            return;
        }
        others.handleException(message, exchange, exception);
    }
}
