package dev.freshet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** Collects benchmark figures; prints each as a JSON line on stdout and all of them as a table on stderr. */
public final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Figure(String name, double value, String unit) {}

    private final List<Figure> figures = new ArrayList<>();

    public void add(String name, double value, String unit) {
        Figure figure = new Figure(name, value, unit);
        figures.add(figure);
        ObjectNode line =
                JSON.createObjectNode().put("name", name).put("value", value).put("unit", unit);
        System.out.println(line);
        System.out.flush();
    }

    public void printTable() {
        int width = figures.stream().mapToInt(f -> f.name().length()).max().orElse(4);
        System.err.printf("%n%-" + width + "s  %14s  %s%n", "name", "value", "unit");
        for (Figure f : figures) {
            System.err.printf("%-" + width + "s  %14.4f  %s%n", f.name(), f.value(), f.unit());
        }
    }
}
