package dev.freshet.engine.workflow;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads workflow YAML files. A file with mistakes fails with a {@link WorkflowValidationException} that lists all of
 * them, each as {@code file:line:column: message}. Thread-safe.
 */
public final class WorkflowParser {
    /**
     * The largest workflow file read, checked before reading: YAML takes super-linear time on large input, and one
     * oversized file must not hold up the others or the server's start.
     */
    public static final long MAX_FILE_BYTES = 3L * 1024 * 1024;

    private final Predicate<String> isKnownTaskType;
    private final Supplier<? extends Collection<String>> knownTaskTypes;

    /** @param knownTaskTypes the names a task's {@code type} may take, e.g. {@code ingest.csv} */
    public WorkflowParser(Collection<String> knownTaskTypes) {
        List<String> types = List.copyOf(new TreeSet<>(knownTaskTypes));
        this.isKnownTaskType = types::contains;
        this.knownTaskTypes = () -> types;
    }

    /** For task types registered while the program runs: the supplier is asked on every parse. */
    public WorkflowParser(Supplier<? extends Collection<String>> knownTaskTypes) {
        Objects.requireNonNull(knownTaskTypes, "knownTaskTypes");
        this.isKnownTaskType = type -> knownTaskTypes.get().contains(type);
        this.knownTaskTypes = knownTaskTypes;
    }

    /**
     * When the known types cannot be listed. Prefer the other constructors: with a list, an unknown type's message
     * names the known ones and suggests the closest.
     */
    public WorkflowParser(Predicate<String> isKnownTaskType) {
        this.isKnownTaskType = Objects.requireNonNull(isKnownTaskType, "isKnownTaskType");
        this.knownTaskTypes = List::of;
    }

    /** Reads {@code file}; problems name it as the path is given, so pass it relative for shorter messages. */
    public Workflow parse(Path file) {
        return parseLocated(file).workflow();
    }

    /** A workflow with the place of its id, for problems found later, such as two files using the same id. */
    record Located(Workflow workflow, int idLine, int idColumn, String text) {}

    /**
     * Reads a workflow file together with the text it was read from, to record it as a version.
     *
     * @throws WorkflowValidationException if the file is not a valid workflow
     */
    public WorkflowVersion parseVersion(Path file, Instant seen) {
        Located located = parseLocated(file);
        return new WorkflowVersion(
                located.workflow().id(), located.workflow().sourceHash(), file.toString(), located.text(), seen);
    }

    /**
     * Reads a recorded version again, as if from its file: problems name {@code file@hash}, and the workflow's source
     * is the file it came from, so relative paths in its tasks resolve as they did.
     *
     * @throws WorkflowValidationException if the text is not a valid workflow (any more: task types come and go)
     */
    public Workflow parse(WorkflowVersion version) {
        Path source = version.sourcePath() == null ? null : Path.of(version.sourcePath());
        String name = (version.sourcePath() == null ? version.workflowId() : version.sourcePath()) + "@"
                + version.shortHash();
        Workflow workflow = parse(version.text(), name, source, version.hash()).workflow();
        if (!workflow.id().equals(version.workflowId())) {
            throw new WorkflowValidationException(List.of(Problem.inFile(
                    name, "the recorded version has id '" + workflow.id() + "', not '" + version.workflowId() + "'")));
        }
        return workflow;
    }

    Located parseLocated(Path file) {
        String sourceName = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new WorkflowValidationException(List.of(Problem.inFile(sourceName, tooLarge(size))));
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new WorkflowValidationException(List.of(Problem.inFile(sourceName, "no such file")));
        } catch (IOException e) {
            throw new WorkflowValidationException(List.of(Problem.inFile(sourceName, "cannot read the file: " + e)));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WorkflowValidationException(List.of(Problem.inFile(sourceName, "the file is not valid UTF-8")));
        }
        return parse(text, sourceName, file, sha256(bytes));
    }

    /** Reads YAML text; {@code sourceName} stands for the file in problems. The workflow's source is null. */
    public Workflow parse(String yaml, String sourceName) {
        if (yaml.length() > MAX_FILE_BYTES) {
            throw new WorkflowValidationException(List.of(Problem.inFile(sourceName, tooLarge(yaml.length()))));
        }
        return parse(yaml, sourceName, null, sha256(yaml.getBytes(StandardCharsets.UTF_8)))
                .workflow();
    }

    private static String tooLarge(long size) {
        return "the file is " + size + " bytes; a workflow file may be at most " + MAX_FILE_BYTES + " bytes (3 MiB)";
    }

    private Located parse(String text, String sourceName, Path source, String hash) {
        try {
            return parseNodes(text, sourceName, source, hash);
        } catch (StackOverflowError e) {
            // Composing and reading recurse once per level of nesting; only a hostile or broken file goes this deep.
            throw new WorkflowValidationException(List.of(Problem.inFile(sourceName, "the file is nested too deeply")));
        }
    }

    private Located parseNodes(String text, String sourceName, Path source, String hash) {
        String yaml = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Node root = compose(yaml, sourceName)
                .orElseThrow(() -> new WorkflowValidationException(List.of(
                        Problem.inFile(sourceName, "the file is empty; a workflow needs at least an id and tasks"))));
        NodeReader nodes = new NodeReader(sourceName);
        TaskTypes types = new TaskTypes(isKnownTaskType, List.copyOf(new TreeSet<>(knownTaskTypes.get())));
        Optional<Workflow> workflow = new WorkflowReader(nodes, types).read(root, source, hash);
        if (workflow.isEmpty()) {
            List<Problem> problems = new ArrayList<>(nodes.problems());
            problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            throw new WorkflowValidationException(problems);
        }
        // A valid workflow's root is a mapping with an id.
        Node id = ((MappingNode) root)
                .getValue().stream()
                        .filter(entry ->
                                ((ScalarNode) entry.getKeyNode()).getValue().equals("id"))
                        .findFirst()
                        .orElseThrow()
                        .getValueNode();
        Mark mark = id.getStartMark().orElseThrow();
        return new Located(workflow.get(), mark.getLine() + 1, mark.getColumn() + 1, text);
    }

    private static Optional<Node> compose(String yaml, String sourceName) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(sourceName)
                .setSchema(NodeReader.SCHEMA)
                .build();
        try {
            return new Compose(settings).composeString(yaml);
        } catch (MarkedYamlEngineException e) {
            throw new WorkflowValidationException(List.of(syntaxProblem(sourceName, e)));
        } catch (ReaderException e) {
            int[] position = lineAndColumn(yaml, e.getPosition());
            String message =
                    String.format("the file contains a character YAML does not allow (U+%04X)", e.getCodePoint());
            throw new WorkflowValidationException(List.of(new Problem(sourceName, position[0], position[1], message)));
        } catch (YamlEngineException e) {
            throw new WorkflowValidationException(List.of(Problem.inFile(sourceName, "YAML error: " + e.getMessage())));
        }
    }

    private static Problem syntaxProblem(String sourceName, MarkedYamlEngineException e) {
        String problem = e.getProblem() == null || e.getProblem().isBlank() ? "invalid YAML" : e.getProblem();
        Optional<Mark> context = e.getContextMark();
        String where = context.map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                .orElse("");
        String message = e.getContext() == null || e.getContext().isBlank()
                ? "YAML syntax error: " + problem
                : "YAML syntax error: " + problem + " (" + e.getContext() + where + ")";
        Optional<Mark> mark = e.getProblemMark().or(() -> context);
        return mark.map(m -> new Problem(sourceName, m.getLine() + 1, m.getColumn() + 1, message))
                .orElseGet(() -> Problem.inFile(sourceName, message));
    }

    /** 1-based line and column of the code point at {@code position}. */
    private static int[] lineAndColumn(String text, int position) {
        int line = 1;
        int column = 1;
        int[] codePoints = text.codePoints().limit(Math.max(position, 0)).toArray();
        for (int codePoint : codePoints) {
            if (codePoint == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
