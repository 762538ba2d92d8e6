package dev.freshet.tasks;

import dev.freshet.engine.FreshetException;
import dev.freshet.engine.task.ArtifactRef;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import dev.freshet.tasks.data.CsvIssue;
import dev.freshet.tasks.data.CsvScan;
import dev.freshet.tasks.data.CsvTableReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ingest.csv {source, target}}: snapshots a CSV file into the run's artifacts with its sha256, so every later
 * task (and the model's lineage) reads exactly the bytes this run saw. Checking the values is validate's job; an
 * unreadable, empty or header-less file fails here, naming the file and line.
 */
public final class IngestCsvTask implements TaskType {
    @Override
    public String type() {
        return "ingest.csv";
    }

    @Override
    public TaskResult run(TaskContext context) throws IOException {
        Path source = context.resolvePath(context.config().string("source"));
        String target = context.config().string("target");
        if (!Files.isRegularFile(source)) {
            throw new FreshetException(source + ": no such file");
        }
        Path snapshot = context.artifactDir().resolve("data.csv");
        Files.copy(source, snapshot, StandardCopyOption.REPLACE_EXISTING);
        CsvScan scan = new CsvTableReader().scan(snapshot);
        if (!scan.complete() || scan.columns().isEmpty()) {
            String why = scan.structuralIssues().stream().findFirst().map(issue -> issue.describe(source.toString()))
                    .orElse(source + ": no header row");
            throw new FreshetException("cannot ingest: " + why);
        }
        if (scan.rowCount() == 0) {
            throw new FreshetException(source + ": has a header but no data rows");
        }
        ArtifactRef ref = context.logArtifact("dataset/data.csv", snapshot);
        context.log().info("ingested {}: {} rows, {} columns, sha256 {}", source, scan.rowCount(),
                scan.columns().size(), ref.sha256());
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("dataset_uri", ref.uri());
        outputs.put("dataset_path", snapshot.toString());
        outputs.put("dataset_sha256", ref.sha256());
        outputs.put("source", source.toString());
        outputs.put("rows", scan.rowCount());
        outputs.put("columns", scan.columns().size());
        outputs.put("target", target);
        return TaskResult.of(outputs);
    }
}
