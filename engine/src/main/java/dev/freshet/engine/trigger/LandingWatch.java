package dev.freshet.engine.trigger;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.run.FileClaim;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunClaim;
import dev.freshet.engine.run.RunService;
import dev.freshet.engine.run.RunType;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.tracking.Sha256;
import dev.freshet.engine.workflow.FileTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One workflow's file trigger: at each look, the files its glob matches that have settled and were not taken yet
 * are hashed and start one run together, with {@code conf.files} naming them. Whether a file content was taken is
 * the database's to say ({@link RunService#trigger(TriggerRequest, RunClaim)}); what this remembers only saves hashing a file again.
 */
final class LandingWatch {
    /** The most files one run is started for; more wait for the next look. */
    static final int MAX_FILES_PER_RUN = 500;
    /** conf.files is also a param, whose text may have 8,000 characters: one run's list stays below that. */
    static final int MAX_LIST_CHARS = 7_500;

    static final String TRIGGERED_BY = "file trigger";

    private static final Logger LOG = LoggerFactory.getLogger(LandingWatch.class);

    private final String workflowId;
    private final Path baseDir;
    private final LandingGlob glob;
    private final Settling settling;
    private final RunService runs;
    /** Files whose content has a run (here or on another node), as they were then; by path. */
    private Map<String, LandedFile> taken = new HashMap<>();

    LandingWatch(String workflowId, Path baseDir, FileTrigger trigger, RunService runs) {
        this.workflowId = workflowId;
        this.baseDir = baseDir;
        this.glob = new LandingGlob(baseDir, trigger.glob());
        this.settling = new Settling(trigger.settle());
        this.runs = runs;
    }

    /** Whether this watch still stands for the trigger of a workflow file in {@code dir}. */
    boolean watches(Path dir, FileTrigger trigger) {
        return baseDir.equals(dir)
                && glob.glob().equals(trigger.glob())
                && settling.settle().equals(trigger.settle());
    }

    /** One look; the run it started, if any. */
    Optional<Run> poll(Instant now) throws IOException {
        List<LandedFile> present = glob.list();
        Map<String, LandedFile> stillTaken = new HashMap<>();
        present.forEach(file -> {
            LandedFile before = taken.get(file.path());
            if (file.sameAs(before)) {
                stillTaken.put(file.path(), file);
            }
        });
        taken = stillTaken;

        List<LandedFile> fresh = new ArrayList<>();
        List<FileClaim> claims = new ArrayList<>();
        int listChars = 2;
        for (LandedFile file : settling.settled(present, now)) {
            if (taken.containsKey(file.path())) {
                continue;
            }
            if (file.path().length() > FileClaim.MAX_PATH_LENGTH) {
                LOG.warn(
                        "{}: {} is not taken: its path is longer than {} characters",
                        workflowId,
                        file.path(),
                        FileClaim.MAX_PATH_LENGTH);
                taken.put(file.path(), file);
                continue;
            }
            if (listChars + file.path().length() + 2 > MAX_LIST_CHARS) {
                break;
            }
            Optional<FileClaim> claim = claim(file);
            if (claim.isEmpty()) {
                continue;
            }
            if (runs.isClaimed(claim.get())) {
                taken.put(file.path(), file);
                continue;
            }
            fresh.add(file);
            claims.add(claim.get());
            listChars += file.path().length() + 2;
            if (fresh.size() == MAX_FILES_PER_RUN) {
                break;
            }
        }
        if (fresh.isEmpty()) {
            return Optional.empty();
        }
        List<String> paths = fresh.stream().map(LandedFile::path).toList();
        TriggerRequest request = TriggerRequest.of(workflowId, RunType.DATASET_TRIGGERED, TRIGGERED_BY)
                .withConf(Map.of("files", paths));
        Optional<Run> run = runs.trigger(request, RunClaim.files(claims));
        if (run.isPresent()) {
            fresh.forEach(file -> taken.put(file.path(), file));
            LOG.info(
                    "run {} of {} started for {} landed file(s): {}",
                    run.get().runId(),
                    workflowId,
                    paths.size(),
                    paths);
        }
        // Empty: another node took one of them first; the next look asks the database again, file by file.
        return run;
    }

    /** The file's claim, or empty when it changed while it was read (it settles again) or went away. */
    private Optional<FileClaim> claim(LandedFile file) {
        String sha256;
        try {
            sha256 = Sha256.of(file.file());
            LandedFile after = new LandedFile(
                    file.path(),
                    file.file(),
                    Files.size(file.file()),
                    Files.getLastModifiedTime(file.file()).toInstant());
            if (!after.sameAs(file)) {
                return Optional.empty();
            }
        } catch (IOException | FreshetException e) {
            LOG.debug("{}: {} is gone or unreadable: {}", workflowId, file.file(), e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new FileClaim(workflowId, file.path(), sha256));
    }
}
