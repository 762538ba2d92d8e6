package dev.freshet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code freshet schema}, the schema file the shipped workflows point their editors at, and those workflows. */
class SchemaCommandTest {
    private static final Path WORKFLOWS = Path.of("../workflows");

    @Test
    void theShippedSchemaFileIsWhatTheCommandPrints() throws Exception {
        String printed = schemaOutput();

        assertThat(Files.readString(WORKFLOWS.resolve("workflow.schema.json")))
                .as(
                        "workflows/workflow.schema.json is stale: regenerate it with `scripts/freshet schema > workflows/workflow.schema.json`")
                .isEqualTo(printed);
        assertThat(new ObjectMapper()
                        .readTree(printed)
                        .at("/definitions/task/properties/type/enum")
                        .toString())
                .contains("\"train.elasticnet\"", "\"shell\"");
    }

    @Test
    void everyShippedWorkflowPointsAtTheSchemaAndPassesIt() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(new ObjectMapper().readTree(schemaOutput()));
        List<Path> files;
        try (Stream<Path> list = Files.list(WORKFLOWS)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).toList();
        }

        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String text = Files.readString(file);
            assertThat(text).as(file.toString()).startsWith("# yaml-language-server: $schema=workflow.schema.json");
            JsonNode workflow = new YAMLMapper().readTree(text);
            assertThat(schema.validate(workflow)).as(file.toString()).isEmpty();
        }
    }

    private static String schemaOutput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(FreshetCommand.execute("schema")).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
