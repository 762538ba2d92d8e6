package dev.freshet.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Freshet's logging as configured in code: the lines, their levels, and a configuration of one's own winning. */
class ConsoleLoggingTest {
    @Test
    void linesGoToStderrInTheLayoutWithTheTrysContextAndTheLibrariesAtWarn() {
        LoggerContext context = new LoggerContext();
        LogbackMDCAdapter mdc = new LogbackMDCAdapter();
        context.setMDCAdapter(mdc);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(new ConsoleLogging(name -> null, name -> null).configure(context))
                    .isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

            Logger engine = context.getLogger("dev.freshet.engine.Engine");
            engine.info("started");
            engine.debug("not at INFO");
            mdc.put("run_id", "r1");
            engine.warn("in a try");
            mdc.clear();
            context.getLogger("org.quartz.core.QuartzScheduler").info("Quartz's chatter");
            context.getLogger("org.quartz.core.QuartzScheduler").warn("Quartz's warning");
            context.getLogger("org.reflections.Reflections").error("never");
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            context.stop();
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(3).satisfies(lines -> {
            assertThat(lines.get(0)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  d\\.f\\.engine\\.Engine - started");
            assertThat(lines.get(1))
                    .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  d\\.f\\.engine\\.Engine \\[run_id=r1] - in a try");
            assertThat(lines.get(2)).endsWith(" WARN  o.q.c.QuartzScheduler - Quartz's warning");
        });
    }

    @Test
    void aConfigurationOfOnesOwnIsLeftToLogback() throws Exception {
        URL file = new URL("file:/etc/freshet/logback.xml");
        Map<String, ConsoleLogging> ownConfigurations = Map.of(
                "-Dlogback.configurationFile",
                new ConsoleLogging(name -> name.equals("logback.configurationFile") ? "mine.xml" : null, name -> null),
                "logback.xml on the class path",
                new ConsoleLogging(name -> null, name -> name.equals("logback.xml") ? file : null),
                "logback-test.xml on the class path",
                new ConsoleLogging(name -> null, name -> name.equals("logback-test.xml") ? file : null));

        ownConfigurations.forEach((how, configurator) -> {
            LoggerContext context = new LoggerContext();
            assertThat(configurator.configure(context)).as(how).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders())
                    .as(how)
                    .isExhausted();
        });
    }
}
