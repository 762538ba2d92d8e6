package dev.freshet.engine.run;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShellQuotingTest {
    @Test
    void aQuotedValueIsOneWordThatShReadsBackUnchanged() throws Exception {
        for (String value : List.of(
                "plain",
                "",
                "x; id > pwned.txt",
                "it's",
                "'",
                "''",
                "a\"b",
                "$HOME $(id) `id`",
                "back\\slash",
                "new\nline",
                "*",
                "-n")) {
            assertThat(sh("printf '%s|' " + ShellQuoting.quote(value)))
                    .as(value)
                    .isEqualTo(value + "|");
        }
    }

    @Test
    void aTemplateInsideQuotesIsAProblemUnlessItIsRaw() {
        assertThat(ShellQuoting.problem("echo {{ params.a }} \"$X\" '{{' literal"))
                .as("a quote after")
                .isEmpty();
        assertThat(ShellQuoting.problem("echo '{{ params.a }}'"))
                .get()
                .asString()
                .startsWith("'{{ params.a }}' is inside single quotes");
        assertThat(ShellQuoting.problem("echo \"x {{ params.a }} y\""))
                .get()
                .asString()
                .startsWith("'{{ params.a }}' is inside double quotes");
        assertThat(ShellQuoting.problem("echo \"{{ params.a | raw }}\"")).isEmpty();
        assertThat(ShellQuoting.problem("echo \\\"{{ params.a }}"))
                .as("an escaped quote opens nothing")
                .isEmpty();
        assertThat(ShellQuoting.problem("echo \"a\\\"b\" {{ params.a }}"))
                .as("an escaped quote in quotes")
                .isEmpty();
        assertThat(ShellQuoting.problem("echo {{ params.a | default('x') }} {% if x == \"y\" %}z{% endif %}"))
                .as("quotes inside tags are the template's")
                .isEmpty();
    }

    private static String sh(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/bin/sh", "-c", command)
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }
}
