package dev.freshet.engine.monitoring;

import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a model's training data for drift: the task module's data path knows the files (Parquet snapshots, CSV),
 * the engine does not. Found with {@link java.util.ServiceLoader}.
 */
public interface TrainingDataReader {
    /**
     * Up to {@code sampleSize} present values of each number column of the file, thinned at evenly spaced positions
     * as the validation gate's drift checks take them.
     */
    Map<String, double[]> sample(Path file, int sampleSize);
}
