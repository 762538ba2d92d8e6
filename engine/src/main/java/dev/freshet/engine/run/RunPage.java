package dev.freshet.engine.run;

import java.util.List;

public record RunPage(List<Run> runs, long totalEntries) {
    public RunPage {
        runs = List.copyOf(runs);
    }
}
