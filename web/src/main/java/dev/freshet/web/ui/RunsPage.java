package dev.freshet.web.ui;

import dev.freshet.engine.Engine;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunSlice;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.workflow.Workflow;
import dev.freshet.web.Paging;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Runs, newest first, 25 to a page, filtered by workflow and state. Three queries whatever the table holds: the
 * count, the page, and the latest metrics of the page's runs (one {@code IN} query); the table refreshes itself every
 * few seconds while a run on the page is unfinished.
 */
final class RunsPage {
    static final int PER_PAGE = 25;

    private final Engine engine;
    private final Pages pages;

    RunsPage(Engine engine, Pages pages) {
        this.engine = engine;
        this.pages = pages;
    }

    /** The filters of a request; empty strings mean "all". */
    record Filter(String workflow, String state, int page) {
        static Filter from(Context ctx) {
            String workflow = blankToEmpty(ctx.queryParam("workflow"));
            String state = blankToEmpty(ctx.queryParam("state"));
            if (!state.isEmpty()
                    && Arrays.stream(RunState.values())
                            .noneMatch(s -> s.wireName().equals(state))) {
                throw new InvalidInputException("state: expected one of "
                        + Arrays.stream(RunState.values())
                                .map(RunState::wireName)
                                .toList() + ", got '" + (state.length() > 40 ? state.substring(0, 37) + "..." : state)
                        + "'");
            }
            return new Filter(workflow, state, Paging.intParam(ctx, "page", 1, 1, 400_000));
        }

        String href(String path, int toPage) {
            StringBuilder href = new StringBuilder(path).append("?page=").append(toPage);
            if (!workflow.isEmpty()) {
                href.append("&workflow=").append(Formats.segment(workflow));
            }
            if (!state.isEmpty()) {
                href.append("&state=").append(state);
            }
            return href.toString();
        }

        private static String blankToEmpty(String value) {
            return value == null ? "" : value.strip();
        }
    }

    /** The filter form: the workflows and states to pick from, and the filter in force. */
    record Filters(SortedSet<String> workflowIds, List<String> states, Filter filter) {}

    /**
     * One page of the table, which refreshes itself while {@code live}; a pager link is null where there is no such
     * page.
     */
    record Table(
            List<RunRow> runs,
            int page,
            long pages,
            long total,
            boolean live,
            String tableHref,
            String firstHref,
            String previousHref,
            String nextHref,
            String lastHref) {}

    void page(Context ctx) {
        Filter filter = Filter.from(ctx);
        TreeSet<String> workflows = new TreeSet<>();
        engine.workflows().stream().map(Workflow::id).forEach(workflows::add);
        if (!filter.workflow().isEmpty()) {
            workflows.add(filter.workflow());
        }
        Filters filters = new Filters(
                workflows,
                Arrays.stream(RunState.values()).map(RunState::wireName).toList(),
                filter);
        pages.page(ctx, "runs", "runs", filters, table(filter));
    }

    void table(Context ctx) {
        pages.fragment(ctx, "runs_table", table(Filter.from(ctx)));
    }

    /** The newest {@code count} runs of every workflow, as the table shows them. */
    List<RunRow> latest(int count) {
        return rows(engine.runs().runs(RunQuery.all(count)).runs());
    }

    /** The rows, with the metrics of all of them read in one query. */
    private List<RunRow> rows(List<Run> runs) {
        Instant now = engine.config().clock().instant();
        Map<String, Map<String, Double>> metrics =
                engine.tracking().metrics(runs.stream().map(Run::runId).toList());
        return runs.stream()
                .map(run -> RunRow.of(run, metrics.getOrDefault(run.runId(), Map.of()), now))
                .toList();
    }

    private Table table(Filter filter) {
        long offset = (long) (filter.page() - 1) * PER_PAGE;
        RunState state = filter.state().isEmpty() ? null : RunState.fromWire(filter.state());
        RunSlice runs = engine.runs()
                .runs(new RunQuery(
                        filter.workflow().isEmpty() ? null : filter.workflow(), state, null, PER_PAGE, (int) offset));
        List<RunRow> rows = rows(runs.runs());
        long pageCount = Math.max(1, (runs.totalEntries() + PER_PAGE - 1) / PER_PAGE);
        return new Table(
                rows,
                filter.page(),
                pageCount,
                runs.totalEntries(),
                runs.runs().stream().map(Run::state).anyMatch(s -> !s.isTerminal()),
                filter.href("/runs/table", filter.page()),
                filter.page() > 1 ? filter.href("/runs", 1) : null,
                filter.page() > 1 ? filter.href("/runs", filter.page() - 1) : null,
                filter.page() < pageCount ? filter.href("/runs", filter.page() + 1) : null,
                filter.page() < pageCount ? filter.href("/runs", (int) Math.min(pageCount, 400_000)) : null);
    }
}
