package dev.freshet.engine.run;

import java.util.List;

/** One slice of a list of runs (as a query's limit and offset cut it), and how many runs the whole list holds. */
public record RunSlice(List<Run> runs, long totalEntries) {
    public RunSlice {
        runs = List.copyOf(runs);
    }
}
