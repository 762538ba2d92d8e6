package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed values out of a composed YAML node tree. Every mistake becomes a {@link Problem} at the offending
 * node and reading goes on, so one pass reports everything wrong with a file.
 */
final class NodeReader {
    /** The YAML 1.2 core schema: {@code true}/{@code True}, {@code ~}, {@code 0x1F}, {@code .inf} mean what they say. */
    static final CoreSchema SCHEMA = new CoreSchema();

    private static final Map<Tag, ConstructNode> CONSTRUCTORS = SCHEMA.getSchemaTagConstructors();

    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    NodeReader(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    List<Problem> problems() {
        return Collections.unmodifiableList(problems);
    }

    void problem(Node at, String message) {
        problem(at.getStartMark().orElse(null), message);
    }

    void problem(Mark mark, String message) {
        problems.add(
                mark == null
                        ? Problem.inFile(source, message)
                        : new Problem(source, mark.getLine() + 1, mark.getColumn() + 1, message));
    }

    static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    /** The entries of a mapping by key, reporting keys that are not strings, repeated or not in {@code allowedKeys}. */
    Optional<Fields> mapping(Node node, String what, List<String> allowedKeys) {
        if (!(node instanceof MappingNode mapping)) {
            problem(node, what + " must be a mapping of key: value, got " + describe(node));
            return Optional.empty();
        }
        LinkedHashMap<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple entry : mapping.getValue()) {
            Node keyNode = entry.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey) || scalarKey.getTag().equals(Tag.NULL)) {
                problem(keyNode, "keys in " + what + " must be strings, got " + describe(keyNode));
                continue;
            }
            String key = scalarKey.getValue();
            NodeTuple first = entries.get(key);
            if (first != null) {
                problem(
                        keyNode,
                        "duplicate key '" + key + "' in " + what + "; it is already set at line "
                                + line(first.getKeyNode()));
                continue;
            }
            if (allowedKeys != null && !allowedKeys.contains(key)) {
                problem(
                        keyNode,
                        "unknown key '" + key + "' in " + what + Spelling.hint(key, allowedKeys, "allowed keys"));
                continue;
            }
            entries.put(key, entry);
        }
        return Optional.of(new Fields(mapping, entries));
    }

    Optional<List<Node>> sequence(Node node, String what) {
        if (node instanceof SequenceNode sequence) {
            return Optional.of(sequence.getValue());
        }
        problem(node, what + " must be a list, got " + describe(node));
        return Optional.empty();
    }

    /** Any scalar but null, as written (so {@code id: 42} is the string "42"). */
    Optional<String> string(Node node, String what) {
        if (node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
            return Optional.of(scalar.getValue());
        }
        problem(node, what + " must be a string, got " + describe(node));
        return Optional.empty();
    }

    Optional<Integer> integer(Node node, String what, int minimum) {
        if (!isScalar(node, Tag.INT)) {
            problem(node, what + " must be a whole number, got " + describe(node));
            return Optional.empty();
        }
        Object value = construct((ScalarNode) node, "a whole number");
        if (!(value instanceof Number number)) {
            return Optional.empty();
        }
        if (number instanceof BigInteger
                || number.longValue() > Integer.MAX_VALUE
                || number.longValue() < Integer.MIN_VALUE) {
            problem(node, what + " is out of range: " + number);
            return Optional.empty();
        }
        if (number.intValue() < minimum) {
            problem(node, what + " must be at least " + minimum + ", got " + number);
            return Optional.empty();
        }
        return Optional.of(number.intValue());
    }

    Optional<Number> number(Node node, String what) {
        if (!isScalar(node, Tag.INT) && !isScalar(node, Tag.FLOAT)) {
            problem(node, what + " must be a number, got " + describe(node));
            return Optional.empty();
        }
        return Optional.ofNullable(scalarValue((ScalarNode) node)).map(Number.class::cast);
    }

    Optional<Boolean> bool(Node node, String what) {
        if (!isScalar(node, Tag.BOOL)) {
            problem(node, what + " must be true or false, got " + describe(node));
            return Optional.empty();
        }
        return Optional.ofNullable((Boolean) construct((ScalarNode) node, "true or false"));
    }

    Optional<Duration> duration(Node node, String what, boolean zeroAllowed) {
        return parsed(node, what, text -> {
            Duration duration;
            try {
                duration = Durations.parse(text);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(what + ": " + e.getMessage());
            }
            if (duration.isZero() && !zeroAllowed) {
                throw new InvalidInputException(what + " must be longer than 0");
            }
            return duration;
        });
    }

    /** A string turned into a value by {@code parser}, whose {@link InvalidInputException} becomes a problem. */
    <T> Optional<T> parsed(Node node, String what, Function<String, T> parser) {
        return string(node, what).flatMap(text -> {
            try {
                return Optional.of(parser.apply(text));
            } catch (InvalidInputException e) {
                problem(node, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /**
     * The node as plain Java: maps (ordered, string keys), lists, String, Long, Double, Boolean and null. Problems
     * (an unsupported tag, a repeated key, an alias that contains itself) are reported and their parts left out.
     */
    Object plainValue(Node node) {
        return plainValue(node, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private Object plainValue(Node node, Set<Node> enclosing) {
        if (node instanceof ScalarNode scalar) {
            return scalarValue(scalar);
        }
        if (!enclosing.add(node)) {
            problem(node, "an alias may not refer to a value that contains it");
            return null;
        }
        try {
            if (node instanceof SequenceNode sequence) {
                List<Object> list = new ArrayList<>();
                sequence.getValue().forEach(element -> list.add(plainValue(element, enclosing)));
                return Collections.unmodifiableList(list);
            }
            Optional<Fields> fields = mapping(node, "this mapping", null);
            Map<String, Object> map = new LinkedHashMap<>();
            fields.ifPresent(f ->
                    f.entries().forEach((key, entry) -> map.put(key, plainValue(entry.getValueNode(), enclosing))));
            return Collections.unmodifiableMap(map);
        } finally {
            enclosing.remove(node);
        }
    }

    private Object scalarValue(ScalarNode scalar) {
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.STR)) {
            return scalar.getValue();
        }
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return construct(scalar, "true or false");
        }
        if (tag.equals(Tag.FLOAT)) {
            Object value = construct(scalar, "a number");
            return value instanceof Number number ? number.doubleValue() : null;
        }
        if (tag.equals(Tag.INT)) {
            Object value = construct(scalar, "a whole number");
            if (value instanceof BigInteger) {
                problem(scalar, "the number " + value + " is too large");
                return null;
            }
            return value instanceof Number number ? number.longValue() : null;
        }
        problem(scalar, "unsupported YAML tag '" + tag.getValue() + "'; write a plain value instead");
        return null;
    }

    private Object construct(ScalarNode scalar, String expected) {
        try {
            return CONSTRUCTORS.get(scalar.getTag()).construct(scalar);
        } catch (RuntimeException e) {
            problem(scalar, "'" + scalar.getValue() + "' is not " + expected);
            return null;
        }
    }

    private static boolean isScalar(Node node, Tag tag) {
        return node instanceof ScalarNode && node.getTag().equals(tag);
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    /** E.g. "a list", "the string 'abc'", "the number 5", "nothing" — for "x must be ..., got ..." messages. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return "nothing";
        }
        if (tag.equals(Tag.BOOL)) {
            return "the boolean " + scalar.getValue();
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            return "the number " + scalar.getValue();
        }
        return "the string '" + scalar.getValue() + "'";
    }

    /** A mapping's entries by key, in file order. */
    record Fields(MappingNode node, LinkedHashMap<String, NodeTuple> entries) {
        boolean has(String key) {
            return entries.containsKey(key);
        }

        /** The value node of {@code key}, if the key is there (its value may be a null scalar). */
        Optional<Node> value(String key) {
            return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
        }

        /** The value node of {@code key}, unless the key is missing or its value is empty ({@code key:} or {@code ~}). */
        Optional<Node> present(String key) {
            return value(key).filter(node -> !isNull(node));
        }
    }
}
