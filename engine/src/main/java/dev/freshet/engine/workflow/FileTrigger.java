package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code trigger: {files: GLOB, settle: DURATION, on_reject: quarantine}}: a run starts for files that land where the
 * glob points, once each has stopped changing for {@code settle}.
 *
 * @param glob     relative to the workflow file's folder (or absolute), e.g. {@code landing/*.csv}
 * @param settle   how long a file's size and modification time must stay the same before it is taken
 * @param onReject what happens to the files of a run whose validation rejects them
 */
public record FileTrigger(String glob, Duration settle, OnReject onReject) {
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(30);

    public FileTrigger {
        if (glob == null || glob.isBlank()) {
            throw new InvalidInputException("trigger.files must name a glob such as landing/*.csv");
        }
        Objects.requireNonNull(settle, "settle");
        if (settle.isNegative()) {
            throw new InvalidInputException("trigger.settle must not be negative, got " + settle);
        }
        onReject = onReject == null ? OnReject.KEEP : onReject;
    }
}
