package dev.freshet.engine.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freshet.engine.error.FreshetException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The JSON Schema of the workflow format, for editors: with it, a YAML language server completes and checks a
 * workflow file as it is typed. The task types are those installed, so the schema knows the plugins too.
 */
public final class WorkflowSchema {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkflowSchema() {}

    public static String json(Collection<String> taskTypes) {
        try (InputStream in = WorkflowSchema.class.getResourceAsStream("workflow.schema.json")) {
            ObjectNode schema = (ObjectNode) JSON.readTree(in);
            ArrayNode types = (ArrayNode) schema.at("/definitions/task/properties/type/enum");
            new TreeSet<>(taskTypes).forEach(types::add);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schema) + System.lineSeparator();
        } catch (IOException e) {
            throw new FreshetException("cannot read the workflow schema: " + e.getMessage(), e);
        }
    }
}
