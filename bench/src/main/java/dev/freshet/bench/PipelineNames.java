package dev.freshet.bench;

/**
 * The names {@code scripts/bench pipeline} prints its figures under, for a data set of {@code rows} x
 * {@code features}: {@code pipeline_1m_x100_csv_s} for 1,000,000 x 100, {@code pipeline_5m_x100_csv_s} for five
 * times as many rows. Scripts and the docs read these names; keep them.
 */
record PipelineNames(int rows, int features) {

    /** The peak RSS of the CSV run, under a name without the size. */
    static final String PEAK_RSS = "peak_rss_mb";

    PipelineNames {
        if (rows <= 0 || features <= 0) {
            throw new IllegalArgumentException("rows and features must be positive, were " + rows + ", " + features);
        }
    }

    /** {@code 1m_x100}; a row count that is not a whole number of millions is written out: {@code 200000_x100}. */
    String size() {
        return (rows % 1_000_000 == 0 ? rows / 1_000_000 + "m" : rows + "") + "_x" + features;
    }

    String csvSeconds() {
        return "pipeline_" + size() + "_csv_s";
    }

    String csvPeakRss() {
        return "pipeline_" + size() + "_csv_peak_rss_mb";
    }

    String parquetSeconds() {
        return "pipeline_" + size() + "_parquet_s";
    }

    String parquetPeakRss() {
        return "pipeline_" + size() + "_parquet_peak_rss_mb";
    }

    String artifactsOverCsv() {
        return "pipeline_" + size() + "_artifacts_over_csv";
    }

    /** {@code library} is {@code pandas} or {@code polars}. */
    String pythonSeconds(String library) {
        return library + "_sklearn_" + size() + "_csv_s";
    }

    String pythonPeakRss(String library) {
        return library + "_sklearn_" + size() + "_csv_peak_rss_mb";
    }

    /** Ours over the other: {@code pipeline_1m_x100_csv_over_pandas_sklearn}. */
    String over(String format, String library) {
        return "pipeline_" + size() + "_" + format + "_over_" + library + "_sklearn";
    }

    /** This (larger) run over {@code smaller}'s, for {@code time} or {@code peak_rss}. */
    String over(PipelineNames smaller, String what) {
        return "pipeline_" + size() + "_over_" + smaller.size() + "_" + what;
    }

    /** Parses a row count as given on the command line: {@code 1000000}, {@code 1_000_000} or {@code 1m}. */
    static int parseRows(String text) {
        String digits = text.strip().replace("_", "").toLowerCase(java.util.Locale.ROOT);
        if (digits.endsWith("m")) {
            return Math.multiplyExact(Integer.parseInt(digits.substring(0, digits.length() - 1)), 1_000_000);
        }
        if (digits.endsWith("k")) {
            return Math.multiplyExact(Integer.parseInt(digits.substring(0, digits.length() - 1)), 1_000);
        }
        return Integer.parseInt(digits);
    }
}
