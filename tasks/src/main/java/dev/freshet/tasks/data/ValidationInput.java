package dev.freshet.tasks.data;

import java.util.List;
import java.util.Objects;

/**
 * What the validator looks at.
 *
 * @param schema         the columns the data must have (always including the target)
 * @param schemaIsKnown  whether the schema lists every column a model was trained on (it came with the champion):
 *                       only then is a column outside it a new feature, worth a warning
 * @param batches        the batches the data came from (for per-batch row counts); may be empty
 * @param reference      the data to measure drift against (the champion's training data), or null
 * @param referenceName  what the reference is, for messages, e.g. {@code champion version 3's training data}
 */
public record ValidationInput(
        ValidationData data,
        Schema schema,
        boolean schemaIsKnown,
        RowLocator rows,
        List<BatchSpan> batches,
        ValidationData reference,
        String referenceName) {
    public ValidationInput {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(rows, "rows");
        batches = List.copyOf(batches);
    }
}
