package dev.freshet.tasks.data;

import dev.freshet.engine.monitoring.TrainingDataReader;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's training data as live drift compares against it: the same sample per column that the validation
 * gate's drift checks take from the champion's data (a Parquet snapshot streamed, or an older champion's CSV).
 */
public final class TrainingDataSample implements TrainingDataReader {

    @Override
    public Map<String, double[]> sample(Path file, int sampleSize) {
        ValidationData data =
                SnapshotReader.isParquet(file) ? SnapshotData.withoutScan(file) : new CsvTableReader().scanValues(file);
        DataProfile profile = data.profile(Schema.EMPTY, sampleSize);
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (String column : profile.columns()) {
            columns.put(column, profile.driftSample(column));
        }
        return columns;
    }
}
