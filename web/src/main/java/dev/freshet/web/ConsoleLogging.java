package dev.freshet.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.net.URL;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Freshet's logging, configured in code when logback starts (registered as logback's {@link Configurator} service):
 * everything to stderr, so that stdout is kept for command output such as the JSON of {@code freshet run}; the
 * libraries' chatter at WARN. Set in code rather than in a {@code logback.xml} because reading the XML (Joran, an XML
 * parser) took a noticeable part of a short command's start-up.
 *
 * <p>A configuration of one's own still wins, as logback documents it: with {@code -Dlogback.configurationFile=FILE},
 * or a {@code logback-test.xml} or {@code logback.xml} on the class path, this configurator steps aside and logback
 * reads that file.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    /** The layout of every line: time, level, logger, the try's MDC when there is one, the message. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} %replace([%mdc] ){'\\[\\] ', ''}- %msg%n";

    /** The loggers below INFO's chatter, with their levels; the root logs at INFO. */
    static final Map<String, Level> LEVELS = Map.of(
            "org.quartz", Level.WARN,
            "org.flywaydb", Level.WARN,
            "com.zaxxer.hikari", Level.WARN,
            "org.jooq", Level.WARN,
            "org.eclipse.jetty", Level.WARN,
            "io.javalin", Level.WARN,
            "org.nd4j", Level.WARN,
            "org.reflections", Level.OFF,
            // the embedded PostgreSQL of the benchmarks logs every line of the server's output
            "io.zonky", Level.WARN);

    private final UnaryOperator<String> systemProperty;
    private final Function<String, URL> resource;

    public ConsoleLogging() {
        this(System::getProperty, name -> ConsoleLogging.class.getClassLoader().getResource(name));
    }

    ConsoleLogging(UnaryOperator<String> systemProperty, Function<String, URL> resource) {
        this.systemProperty = systemProperty;
        this.resource = resource;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (systemProperty.apply("logback.configurationFile") != null
                || resource.apply("logback-test.xml") != null
                || resource.apply("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        StatusWarningsToStderr status = new StatusWarningsToStderr();
        status.setContext(context);
        context.getStatusManager().add(status);
        status.start();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
