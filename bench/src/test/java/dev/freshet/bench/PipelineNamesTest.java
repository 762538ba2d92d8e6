package dev.freshet.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The figures' names that scripts and the docs read stay as they are. */
class PipelineNamesTest {

    @Test
    void theOneMillionRowRunPrintsTheNamesPeopleRead() {
        PipelineNames names = new PipelineNames(1_000_000, 100);

        assertThat(names.csvSeconds()).isEqualTo("pipeline_1m_x100_csv_s");
        assertThat(names.parquetSeconds()).isEqualTo("pipeline_1m_x100_parquet_s");
        assertThat(names.pythonSeconds("pandas")).isEqualTo("pandas_sklearn_1m_x100_csv_s");
        assertThat(names.pythonSeconds("polars")).isEqualTo("polars_sklearn_1m_x100_csv_s");
        assertThat(PipelineNames.PEAK_RSS).isEqualTo("peak_rss_mb");
        assertThat(names.over("csv", "pandas")).isEqualTo("pipeline_1m_x100_csv_over_pandas_sklearn");
        assertThat(names.artifactsOverCsv()).isEqualTo("pipeline_1m_x100_artifacts_over_csv");
    }

    @Test
    void theFiveMillionRowRunIsNamedForItsRows() {
        PipelineNames one = new PipelineNames(1_000_000, 100);
        PipelineNames five = new PipelineNames(PipelineNames.parseRows("5m"), 100);

        assertThat(five.csvSeconds()).isEqualTo("pipeline_5m_x100_csv_s");
        assertThat(five.csvPeakRss()).isEqualTo("pipeline_5m_x100_csv_peak_rss_mb");
        assertThat(five.over(one, "peak_rss")).isEqualTo("pipeline_5m_x100_over_1m_x100_peak_rss");
    }

    @Test
    void rowCountsReadAsWrittenOnTheCommandLine() {
        assertThat(PipelineNames.parseRows("5000000")).isEqualTo(5_000_000);
        assertThat(PipelineNames.parseRows("5_000_000")).isEqualTo(5_000_000);
        assertThat(PipelineNames.parseRows("5M")).isEqualTo(5_000_000);
        assertThat(PipelineNames.parseRows("200k")).isEqualTo(200_000);
        assertThat(new PipelineNames(200_000, 100).csvSeconds()).isEqualTo("pipeline_200000_x100_csv_s");
    }
}
