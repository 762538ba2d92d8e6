package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;

import java.util.List;
import java.util.stream.Collectors;

/** A workflow file is wrong; the message lists every problem found, one {@code file:line:column: message} a line. */
public class WorkflowValidationException extends InvalidInputException {
    private final List<Problem> problems;

    public WorkflowValidationException(List<Problem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("a validation exception needs at least one problem");
        }
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
