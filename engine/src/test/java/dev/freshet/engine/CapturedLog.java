package dev.freshet.engine;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The log of one class (or package), held back from the console while a test provokes an error on purpose, so that a green run
 * prints nothing and the test can assert what was logged. Use in try-with-resources.
 */
public final class CapturedLog implements AutoCloseable {
    private final Logger logger;
    private final Level levelBefore;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLog(String name) {
        this.logger = (Logger) LoggerFactory.getLogger(name);
        this.levelBefore = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
        // Tests log errors only (logback-test.xml); the capture takes everything the class logs.
        logger.setLevel(Level.TRACE);
    }

    public static CapturedLog of(Class<?> source) {
        return new CapturedLog(source.getName());
    }

    /** The log of a logger and those below it, such as a library's package. */
    public static CapturedLog named(String name) {
        return new CapturedLog(name);
    }

    /** The messages logged so far, formatted, each with its exception's message when it had one. */
    public List<String> messages() {
        return appender.list.stream()
                .map(event -> event.getFormattedMessage()
                        + (event.getThrowableProxy() == null
                                ? ""
                                : " | " + event.getThrowableProxy().getMessage()))
                .toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(levelBefore);
        logger.setAdditive(true);
        appender.stop();
    }
}
