package dev.freshet.bench.freshness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One day's rows: the features that were scored and the labels that came back for them. */
record DayData(int day, double[][] features, double[] labels) {

    int rows() {
        return labels.length;
    }

    /** Writes the day as a labelled batch; a corrupt batch has text in a numeric column, as a broken export does. */
    void writeBatch(Path file, List<String> header, boolean corrupt) {
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write(String.join(",", header));
            out.write('\n');
            for (int i = 0; i < rows(); i++) {
                StringBuilder line = new StringBuilder();
                for (int j = 0; j < features[i].length; j++) {
                    boolean broken = corrupt && i % 7 == 3 && j == features[i].length - 1;
                    line.append(broken ? "n.a." : Double.toString(features[i][j]))
                            .append(',');
                }
                line.append((long) labels[i]).append('\n');
                out.write(line.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
