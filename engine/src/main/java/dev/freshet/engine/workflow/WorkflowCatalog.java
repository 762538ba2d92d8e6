package dev.freshet.engine.workflow;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The workflows of a folder: every {@code *.yaml} and {@code *.yml} file directly in it (subfolders such as
 * {@code data/} and dotfiles are ignored). {@link #reload()} reads them again; a file that is broken now keeps the
 * workflow it last gave, so a half-saved edit never takes a running workflow away. Reads are lock-free and always
 * see one whole reload.
 */
public final class WorkflowCatalog {
    private static final Logger log = LoggerFactory.getLogger(WorkflowCatalog.class);

    private final WorkflowParser parser;
    private final Path folder;
    private final Path singleFile;
    private final VersionLedger ledger;
    /** The hash each file had when this node last read it validly, absolute paths; guarded by reload's lock. */
    private final Map<Path, String> lastRead = new HashMap<>();

    private volatile Snapshot snapshot = Snapshot.EMPTY;

    /** An empty catalog of {@code folder}; call {@link #reload()} to read it. */
    public WorkflowCatalog(Path folder, WorkflowParser parser) {
        this(Objects.requireNonNull(folder, "folder").normalize(), null, parser, null);
    }

    /**
     * An empty catalog of {@code folder} that records every version it reads in {@code ledger} and serves what the
     * ledger settles (see {@link VersionLedger}).
     */
    public WorkflowCatalog(Path folder, WorkflowParser parser, VersionLedger ledger) {
        this(Objects.requireNonNull(folder, "folder").normalize(), null, parser, Objects.requireNonNull(ledger));
    }

    private WorkflowCatalog(Path folder, Path singleFile, WorkflowParser parser, VersionLedger ledger) {
        this.folder = folder;
        this.singleFile = singleFile;
        this.parser = Objects.requireNonNull(parser, "parser");
        this.ledger = ledger;
    }

    /**
     * A catalog of exactly one file, loaded now, for {@code freshet run path/to/file.yaml}.
     *
     * @throws WorkflowValidationException if the file is not a valid workflow
     */
    public static WorkflowCatalog ofFile(Path file, WorkflowParser parser) {
        WorkflowCatalog catalog =
                new WorkflowCatalog(null, Objects.requireNonNull(file, "file").normalize(), parser, null);
        ReloadResult result = catalog.reload();
        if (!result.errors().isEmpty()) {
            throw new WorkflowValidationException(
                    result.errors().values().iterator().next());
        }
        return catalog;
    }

    /** What a {@link #reload()} changed: workflow ids added, updated or removed, and every file's current problems. */
    public record ReloadResult(
            List<String> added, List<String> updated, List<String> removed, Map<Path, List<Problem>> errors) {
        public ReloadResult {
            added = List.copyOf(added);
            updated = List.copyOf(updated);
            removed = List.copyOf(removed);
            errors = Collections.unmodifiableMap(new TreeMap<>(errors));
        }

        public boolean changed() {
            return !added.isEmpty() || !updated.isEmpty() || !removed.isEmpty();
        }
    }

    /**
     * Reads every workflow file again. A broken file keeps its last good workflow, if it had one. When two files
     * use the same workflow id, the file that had it before keeps it, else the first by file name. With a ledger, each
     * file's version is recorded and the ledger settles what is served.
     *
     * @throws FreshetException if the folder cannot be listed or the versions cannot be recorded; the catalog then
     *     stays as it was
     */
    public synchronized ReloadResult reload() {
        Snapshot previous = snapshot;
        Map<Path, WorkflowParser.Located> fresh = new LinkedHashMap<>();
        Map<Path, List<Problem>> errors = new TreeMap<>();
        for (Path file : files()) {
            try {
                fresh.put(file, parser.parseLocated(file));
            } catch (WorkflowValidationException e) {
                errors.put(file, e.problems());
            } catch (RuntimeException e) {
                // A bug in reading one file must not keep the other workflows from loading.
                log.error("could not read workflow file {}", file, e);
                errors.put(file, List.of(Problem.inFile(file.toString(), "could not be read: " + e)));
            }
        }
        Snapshot next = assignIds(fresh, errors, previous);
        if (ledger != null) {
            next = settle(next, fresh);
            // forget files that are gone; a broken file keeps what it last read validly
            Set<Path> listed = new HashSet<>();
            fresh.keySet().forEach(file -> listed.add(key(file)));
            errors.keySet().forEach(file -> listed.add(key(file)));
            lastRead.keySet().retainAll(listed);
        }
        snapshot = next;
        ReloadResult result = compare(previous, next);
        log(previous, result);
        return result;
    }

    /**
     * Each workflow read fresh from its file is settled by the ledger: served as read, or replaced by the current
     * version when this copy is stale (the file is then listed with the problem).
     */
    private Snapshot settle(Snapshot next, Map<Path, WorkflowParser.Located> fresh) {
        Map<String, Workflow> byId = new TreeMap<>(next.byId());
        Map<Path, Workflow> byFile = new HashMap<>(next.byFile());
        Map<Path, List<Problem>> errors = new TreeMap<>(next.errors());
        boolean replaced = false;
        for (Map.Entry<Path, WorkflowParser.Located> entry : fresh.entrySet()) {
            Path file = entry.getKey();
            WorkflowParser.Located located = entry.getValue();
            Workflow read = located.workflow();
            if (next.byId().get(read.id()) != read) {
                continue; // this file lost its id to another file: nothing of it is served
            }
            VersionLedger.Settled settled = ledger.settle(file, read, located.text(), lastRead.get(key(file)));
            lastRead.put(key(file), read.sourceHash());
            if (settled.workflow() != read) {
                byId.put(read.id(), settled.workflow());
                byFile.put(key(file), settled.workflow());
                replaced = true;
            }
            settled.problem().ifPresent(problem -> errors.put(file, List.of(problem)));
        }
        if (!replaced && errors.equals(next.errors())) {
            return next;
        }
        return new Snapshot(
                Collections.unmodifiableMap(byId),
                next.fileById(),
                Collections.unmodifiableMap(byFile),
                List.copyOf(byId.values()),
                Collections.unmodifiableMap(errors));
    }

    /**
     * What the catalog's sources are now beyond the files themselves: with a ledger, each workflow's current version
     * as the nodes recorded it, so that a watch reloads when another node moved one on.
     */
    public Map<String, String> sharedState() {
        return ledger == null ? Map.of() : ledger.currentHashes();
    }

    public Optional<Workflow> get(String id) {
        return Optional.ofNullable(snapshot.byId().get(id));
    }

    /** @throws NotFoundException naming the known ids when there is no workflow {@code id} */
    public Workflow require(String id) {
        Snapshot current = snapshot;
        Workflow workflow = current.byId().get(id);
        if (workflow == null) {
            throw new NotFoundException("no workflow '" + id + "'"
                    + (current.byId().isEmpty()
                            ? "; there are no workflows"
                            : Spelling.hint(id, current.byId().keySet(), "known workflows")));
        }
        return workflow;
    }

    /** All workflows, sorted by id. */
    public List<Workflow> all() {
        return snapshot.all();
    }

    /** The workflow that {@code file} gives (its last good one if the file is broken now). */
    public Optional<Workflow> byFile(Path file) {
        return Optional.ofNullable(snapshot.byFile().get(key(file)));
    }

    /** The problems of each file that is broken now, or whose workflow id is taken by another file; sorted by path. */
    public Map<Path, List<Problem>> errors() {
        return snapshot.errors();
    }

    /**
     * The problems of the file that gives workflow {@code id}, when that file is broken now and the workflow is its
     * last good version; empty otherwise.
     */
    public List<Problem> problemsOf(String id) {
        Snapshot current = snapshot;
        Path file = current.fileById().get(id);
        if (file == null) {
            return List.of();
        }
        return current.errors().entrySet().stream()
                .filter(e -> key(e.getKey()).equals(file))
                .findFirst()
                .map(Map.Entry::getValue)
                .orElse(List.of());
    }

    /** The folder this catalog reads; empty for a catalog of one file. */
    public Optional<Path> folder() {
        return Optional.ofNullable(folder);
    }

    /** The workflow files this catalog reads, sorted by name. */
    List<Path> files() {
        if (singleFile != null) {
            return List.of(singleFile);
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(WorkflowCatalog::isWorkflowFile)
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new FreshetException("cannot list the workflow folder " + folder + ": " + e, e);
        }
    }

    private static boolean isWorkflowFile(Path path) {
        String name = path.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(path);
    }

    private static Snapshot assignIds(
            Map<Path, WorkflowParser.Located> fresh, Map<Path, List<Problem>> errors, Snapshot previous) {
        record Candidate(Path file, Workflow workflow, WorkflowParser.Located located) {
            boolean isFresh() {
                return located != null;
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        fresh.forEach((file, located) -> candidates.add(new Candidate(file, located.workflow(), located)));
        errors.keySet().forEach(file -> {
            Workflow lastGood = previous.byFile().get(key(file));
            if (lastGood != null) {
                candidates.add(new Candidate(file, lastGood, null));
            }
        });
        // A file that already had an id keeps it: a new file must not take over a workflow that is running.
        candidates.sort(Comparator.comparing((Candidate c) -> !key(c.file())
                        .equals(previous.fileById().get(c.workflow().id())))
                .thenComparing(c -> c.file().getFileName().toString()));

        Map<String, Path> owners = new HashMap<>();
        List<Path> lostTheirId = new ArrayList<>();
        for (Candidate candidate : candidates) {
            String id = candidate.workflow().id();
            Path owner = owners.putIfAbsent(id, candidate.file());
            if (owner != null && candidate.isFresh()) {
                errors.put(
                        candidate.file(),
                        List.of(new Problem(
                                candidate.file().toString(),
                                candidate.located().idLine(),
                                candidate.located().idColumn(),
                                "workflow id '" + id + "' is already used by " + owner
                                        + "; each workflow needs its own id")));
                lostTheirId.add(candidate.file());
            }
        }
        for (Path file : lostTheirId) {
            Workflow lastGood = previous.byFile().get(key(file));
            if (lastGood != null) {
                owners.putIfAbsent(lastGood.id(), file);
            }
        }

        Map<String, Workflow> byId = new TreeMap<>();
        Map<String, Path> fileById = new HashMap<>();
        Map<Path, Workflow> byFile = new HashMap<>();
        owners.forEach((id, file) -> {
            Workflow workflow =
                    fresh.containsKey(file) && fresh.get(file).workflow().id().equals(id)
                            ? fresh.get(file).workflow()
                            : previous.byFile().get(key(file));
            byId.put(id, workflow);
            fileById.put(id, key(file));
            byFile.put(key(file), workflow);
        });
        return new Snapshot(
                Collections.unmodifiableMap(byId),
                Collections.unmodifiableMap(fileById),
                Collections.unmodifiableMap(byFile),
                List.copyOf(byId.values()),
                Collections.unmodifiableMap(new TreeMap<>(errors)));
    }

    private static ReloadResult compare(Snapshot previous, Snapshot next) {
        List<String> added = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        next.byId().forEach((id, workflow) -> {
            Workflow before = previous.byId().get(id);
            if (before == null) {
                added.add(id);
            } else if (!before.equals(workflow)) {
                updated.add(id);
            }
        });
        previous.byId().keySet().stream()
                .filter(id -> !next.byId().containsKey(id))
                .forEach(removed::add);
        return new ReloadResult(added, updated, removed, next.errors());
    }

    // Only changes are logged, so a reload every few seconds does not repeat the same warning.
    private static void log(Snapshot previous, ReloadResult result) {
        result.errors().forEach((file, problems) -> {
            if (!problems.equals(previous.errors().get(file))) {
                log.warn(
                        "workflow file {} has problems:\n{}",
                        file,
                        String.join(
                                "\n", problems.stream().map(Problem::toString).toList()));
            }
        });
        if (result.changed()) {
            log.info("workflows added {}, updated {}, removed {}", result.added(), result.updated(), result.removed());
        }
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** One reload's result; replaced whole, never changed. File keys are absolute. */
    private record Snapshot(
            Map<String, Workflow> byId,
            Map<String, Path> fileById,
            Map<Path, Workflow> byFile,
            List<Workflow> all,
            Map<Path, List<Problem>> errors) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), Map.of(), List.of(), Map.of());
    }
}
