package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What becomes of the files of a file-triggered run whose validation rejects them. */
public enum OnReject {
    /** They stay where they landed. */
    KEEP,
    /** They move into a {@code quarantine/} folder beside them. */
    QUARANTINE;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OnReject fromYaml(String name) {
        List<String> names = Arrays.stream(values()).map(OnReject::yamlName).toList();
        if (names.contains(name)) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
        throw new InvalidInputException(
                "unknown on_reject '" + name + "'" + Spelling.hint(String.valueOf(name), names, "allowed"));
    }
}
