package dev.freshet.web;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.StatusUtil;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** logback's own warnings reach stderr, and the listener keeps logback from printing them on stdout. */
class StatusWarningsToStderrTest {
    @Test
    void aConfigurationWarningIsPrintedOnStderrAndNothingOnStdout() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            configurator.doConfigure(new ByteArrayInputStream("""
                    <configuration>
                      <statusListener class="dev.freshet.web.StatusWarningsToStderr"/>
                      <appender name="NOPE" class="dev.freshet.NoSuchAppender"/>
                      <root level="INFO"><appender-ref ref="NOPE"/></root>
                    </configuration>
                    """.getBytes(StandardCharsets.UTF_8)));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(StatusUtil.contextHasStatusListener(context)).isTrue();
        assertThat(capturedErr.toString(StandardCharsets.UTF_8))
                .contains("ERROR")
                .contains("NoSuchAppender");
        assertThat(capturedOut.toString(StandardCharsets.UTF_8)).isEmpty();
        context.stop();
    }
}
