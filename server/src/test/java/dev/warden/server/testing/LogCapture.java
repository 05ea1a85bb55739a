package dev.warden.server.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every line the server logs from now until {@link #stop()}, each with its exception, for tests that
 * check what never reaches a log (a credential, a secret).
 */
public final class LogCapture {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** Stops capturing and answers the lines logged: the message, then its exception (or null). */
    public List<String> stop() {
        root.detachAppender(appender);
        return appender.list.stream()
                .map(e -> e.getFormattedMessage() + " " + e.getThrowableProxy())
                .toList();
    }
}
