package dev.freshet.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.freshet.cli.CommandOutput.freshet;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code freshet backfill}: one run per logical date in the range, run here, summarised as a table. */
@ExtendWith(CliDatabase.class)
class BackfillCommandTest {
    @TempDir
    Path home;

    @Test
    void aDryRunListsTheIntervalsInTheWorkflowsZone() throws IOException {
        Path workflow = write("berlin", "\"@daily\"", "Europe/Berlin", "{id: only, type: noop}");

        CommandOutput result = freshet(
                "backfill",
                workflow.toString(),
                "--from",
                "2025-01-01",
                "--to",
                "2025-01-02",
                "--dry-run",
                "--home",
                home.toString());

        assertThat(result.exitCode()).isZero();
        // Midnight in Berlin (+01:00 in winter) is 23:00Z the day before.
        assertThat(result.lines())
                .containsExactly(
                        "Logical Date          Data Interval End",
                        "--------------------  --------------------",
                        "2024-12-31T23:00:00Z  2025-01-01T23:00:00Z",
                        "2025-01-01T23:00:00Z  2025-01-02T23:00:00Z");
    }

    @Test
    void runsEveryIntervalOnceAndExitsZeroWhenAllSucceed() throws IOException {
        Path workflow = write("daily", "\"@daily\"", "UTC", "{id: only, type: noop}");

        CommandOutput first = freshet(
                "backfill",
                workflow.toString(),
                "--from",
                "2025-01-01",
                "--to",
                "2025-01-02T00:00:00Z",
                "--home",
                home.toString());
        CommandOutput again = freshet(
                "backfill",
                workflow.toString(),
                "--from",
                "2025-01-02",
                "--to",
                "2025-01-03",
                "--home",
                home.toString());

        assertThat(first.exitCode()).isZero();
        assertThat(first.lines())
                .containsExactly(
                        "Run ID                          Logical Date          State",
                        "------------------------------  --------------------  -------",
                        "backfill__2025-01-01T00:00:00Z  2025-01-01T00:00:00Z  success",
                        "backfill__2025-01-02T00:00:00Z  2025-01-02T00:00:00Z  success");
        assertThat(again.exitCode()).isZero();
        assertThat(again.lines())
                .contains(
                        "backfill__2025-01-02T00:00:00Z  2025-01-02T00:00:00Z  success (ran before)",
                        "backfill__2025-01-03T00:00:00Z  2025-01-03T00:00:00Z  success");
    }

    @Test
    void aFailedRunMakesTheBackfillFail() throws IOException {
        Path workflow = write("fails", "\"0 6 * * *\"", "UTC", "{id: boom, type: shell, with: {command: \"exit 3\"}}");

        CommandOutput result = freshet(
                "backfill",
                workflow.toString(),
                "--from",
                "2025-01-01",
                "--to",
                "2025-01-01T12:00",
                "--home",
                home.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines()).contains("backfill__2025-01-01T06:00:00Z  2025-01-01T06:00:00Z  failed");
    }

    @Test
    void aRangeWithoutALogicalDateRunsNothing() throws IOException {
        Path workflow = write("morning", "\"0 6 * * *\"", "UTC", "{id: only, type: noop}");

        CommandOutput result = freshet(
                "backfill",
                workflow.toString(),
                "--from",
                "2025-01-01",
                "--to",
                "2025-01-01",
                "--home",
                home.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("no data interval of morning has a logical date from 2025-01-01T00:00:00Z");
    }

    @Test
    void aWorkflowWithoutAScheduleCannotBeBackfilled() throws IOException {
        Path workflow = home.resolve("manual.yaml");
        Files.writeString(workflow, "id: manual\ntasks:\n  - {id: only, type: noop}\n");

        CommandOutput result = freshet(
                "backfill",
                workflow.toString(),
                "--from",
                "2025-01-01",
                "--to",
                "2025-01-02",
                "--home",
                home.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("workflow 'manual' has no repeating schedule");
    }

    @Test
    void aBadDateNamesTheOption() throws IOException {
        Path workflow = write("daily", "\"@daily\"", "UTC", "{id: only, type: noop}");

        CommandOutput result = freshet(
                "backfill",
                workflow.toString(),
                "--from",
                "01/02/2025",
                "--to",
                "2025-01-02",
                "--dry-run",
                "--home",
                home.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("--from: expected an ISO date");
    }

    private Path write(String id, String schedule, String zone, String task) throws IOException {
        Path file = home.resolve(id + ".yaml");
        Files.writeString(
                file,
                "id: " + id + "\nschedule: " + schedule + "\ntimezone: " + zone + "\nmax_active_runs: 1\ntasks:\n  - "
                        + task + "\n");
        return file;
    }
}
