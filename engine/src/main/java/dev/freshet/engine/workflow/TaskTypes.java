package dev.freshet.engine.workflow;

import java.util.List;
import java.util.function.Predicate;

/** The task types a parse accepts; {@code names} is empty when they cannot be listed, and messages then list none. */
record TaskTypes(Predicate<String> isKnown, List<String> names) {}
