package dev.freshet.engine.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Replaces known secret values in a task's log lines with {@code ***}, as Airflow masks connection passwords. Known
 * secrets are the values of the server's environment variables whose names look secret (FRESHET_API_TOKEN,
 * FRESHET_DB_PASSWORD, AWS_SECRET_ACCESS_KEY, anything with TOKEN, PASSWORD, SECRET, KEY or CREDENTIAL in its
 * name), the API token in {@code <home>/api-token}, and values under such names in the task's own config (its
 * {@code env:} above all). Values shorter than {@link #MIN_LENGTH} are left alone: masking "1" or "true" would
 * garble every line and hide nothing.
 */
final class SecretMasker {
    static final int MIN_LENGTH = 5;
    static final String MASK = "***";
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(TOKEN|PASSWORD|PASSWD|SECRET|KEY|CREDENTIAL|PRIVATE).*");

    /** Longest first, so that a secret containing another is masked whole. */
    private final List<String> secrets;

    private SecretMasker(Collection<String> values) {
        TreeSet<String> distinct = new TreeSet<>(
                Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        values.stream()
                .filter(v -> v != null && v.strip().length() >= MIN_LENGTH)
                .map(String::strip)
                .forEach(distinct::add);
        this.secrets = List.copyOf(distinct);
    }

    /** The environment does not change while the JVM runs; the token file may appear after the engine starts. */
    private static final List<String> ENVIRONMENT_SECRETS = secretValues(System.getenv());

    /** The values of this JVM's environment variables whose names look secret. */
    static List<String> environmentSecrets() {
        return ENVIRONMENT_SECRETS;
    }

    /**
     * The secrets of this server, the token file read now: its environment's and the API token file's under
     * {@code home}. A try's log takes them from {@link ServerSecrets}, which reads the file only when it changed.
     */
    static SecretMasker ofServer(Path home) {
        return ofServer(ENVIRONMENT_SECRETS, home);
    }

    /** As {@link #ofServer(Path)} with the environment given. */
    static SecretMasker ofServer(Map<String, String> environment, Path home) {
        return ofServer(secretValues(environment), home);
    }

    static SecretMasker ofServer(List<String> environmentSecrets, Path home) {
        List<String> values = new ArrayList<>(environmentSecrets);
        Path tokenFile = home.resolve("api-token");
        try {
            if (Files.isRegularFile(tokenFile)) {
                values.add(Files.readString(tokenFile, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // Not readable here means not readable by a task either.
        }
        return new SecretMasker(values);
    }

    static boolean looksSecret(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    /** This masker and the values found under secret-looking names anywhere in {@code config}. */
    SecretMasker withSecretsIn(Map<String, ?> config) {
        List<String> values = new ArrayList<>(secrets);
        collect(config, values);
        return values.size() == secrets.size() ? this : new SecretMasker(values);
    }

    String mask(String text) {
        String masked = text;
        for (String secret : secrets) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, MASK);
            }
        }
        return masked;
    }

    static List<String> secretValues(Map<String, ?> map) {
        List<String> values = new ArrayList<>();
        map.forEach((name, value) -> {
            if (looksSecret(name) && value != null && !(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
                values.add(String.valueOf(value));
            }
        });
        return values;
    }

    private static void collect(Object node, List<String> values) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                if (looksSecret(String.valueOf(name))
                        && value != null
                        && !(value instanceof Map<?, ?>)
                        && !(value instanceof List<?>)) {
                    values.add(String.valueOf(value));
                } else {
                    collect(value, values);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, values));
        }
    }
}
