package dev.freshet.web.ui;

import dev.freshet.engine.workflow.TaskSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A workflow's tasks laid out left to right by depth (a task sits one column right of its deepest need), as boxes
 * and curved edges for an inline SVG. Geometry only: the template writes the SVG, escaping every label.
 */
public record DagGraph(int width, int height, List<Node> nodes, List<Edge> edges) {
    static final int NODE_WIDTH = 196;
    static final int NODE_HEIGHT = 42;
    static final int COLUMN_GAP = 56;
    static final int ROW_GAP = 16;
    static final int PAD = 8;
    private static final int MAX_LABEL = 23;
    private static final int MAX_DETAIL = 30;

    /** One task: {@code state} is a wire name such as success, or "none". */
    public record Node(
            String taskId, String label, String detail, String state, int x, int y, String href, String title) {}

    /** One need, as an SVG path from the upstream box's right edge to the downstream box's left edge. */
    public record Edge(String from, String to, String path) {}

    /**
     * @param tasks  the tasks in topological order
     * @param states task id to state (tasks missing here are "none")
     * @param hrefs  task id to a link (its latest log), or absent for none
     */
    static DagGraph of(List<TaskSpec> tasks, Map<String, String> states, Map<String, String> hrefs) {
        Map<String, Integer> depth = new HashMap<>();
        List<List<TaskSpec>> columns = new ArrayList<>();
        for (TaskSpec task : tasks) {
            int d = task.needs().stream()
                    .filter(depth::containsKey)
                    .mapToInt(n -> depth.get(n) + 1)
                    .max()
                    .orElse(0);
            depth.put(task.id(), d);
            while (columns.size() <= d) {
                columns.add(new ArrayList<>());
            }
            columns.get(d).add(task);
        }
        int rows = columns.stream().mapToInt(List::size).max().orElse(0);
        int rowPitch = NODE_HEIGHT + ROW_GAP;
        Map<String, Node> byId = new HashMap<>();
        List<Node> nodes = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            List<TaskSpec> column = columns.get(c);
            int top = PAD + (rows - column.size()) * rowPitch / 2;
            for (int r = 0; r < column.size(); r++) {
                TaskSpec task = column.get(r);
                String state = states.getOrDefault(task.id(), "none");
                String detail = task.type() + (state.equals("none") ? "" : " · " + state.replace('_', ' '));
                Node node = new Node(
                        task.id(),
                        truncate(task.id(), MAX_LABEL),
                        truncate(detail, MAX_DETAIL),
                        state,
                        PAD + c * (NODE_WIDTH + COLUMN_GAP),
                        top + r * rowPitch,
                        hrefs.get(task.id()),
                        task.id() + " (" + task.type() + "): " + state.replace('_', ' '));
                nodes.add(node);
                byId.put(task.id(), node);
            }
        }
        List<Edge> edges = new ArrayList<>();
        for (TaskSpec task : tasks) {
            Node to = byId.get(task.id());
            for (String need : task.needs()) {
                Node from = byId.get(need);
                if (from != null) {
                    edges.add(new Edge(need, task.id(), curve(from, to)));
                }
            }
        }
        int width = columns.isEmpty() ? 0 : 2 * PAD + columns.size() * NODE_WIDTH + (columns.size() - 1) * COLUMN_GAP;
        int height = rows == 0 ? 0 : 2 * PAD + rows * rowPitch - ROW_GAP;
        return new DagGraph(width, height, nodes, edges);
    }

    private static String curve(Node from, Node to) {
        int x1 = from.x() + NODE_WIDTH;
        int y1 = from.y() + NODE_HEIGHT / 2;
        int x2 = to.x() - 6;
        int y2 = to.y() + NODE_HEIGHT / 2;
        int bend = Math.max(24, (x2 - x1) / 2);
        return String.format(Locale.ROOT, "M%d %d C%d %d, %d %d, %d %d", x1, y1, x1 + bend, y1, x2 - bend, y2, x2, y2);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
