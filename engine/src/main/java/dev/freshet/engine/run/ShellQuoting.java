package dev.freshet.engine.run;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Shell quoting for the values templates put into a command line: each value becomes one word that the shell takes
 * literally. That holds only outside quotes: {@code '{{ x }}'} would put a quoted value inside quotes again, so a
 * template there is refused (unless it is {@code | raw}, the author's explicit choice).
 */
final class ShellQuoting {
    private static final Pattern RAW = Pattern.compile("(?s).*\\|\\s*raw\\s*");

    private ShellQuoting() {}

    /** {@code value} in single quotes, each {@code '} in it as {@code '\''}: POSIX sh reads it back unchanged. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Why {@code template}, a command line, cannot be rendered safely: a {@code {{ … }}} inside quotes. */
    static Optional<String> problem(String template) {
        char quote = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < template.length() && "{%#".indexOf(template.charAt(i + 1)) >= 0) {
                char kind = template.charAt(i + 1);
                String close = (kind == '{' ? "}" : String.valueOf(kind)) + "}";
                int end = template.indexOf(close, i + 2);
                if (end < 0) {
                    return Optional.empty(); // Pebble reports the unclosed tag
                }
                String inside = template.substring(i + 2, end).strip();
                if (kind == '{' && quote != 0 && !RAW.matcher(inside).matches()) {
                    return Optional.of("'{{ " + inside + " }}' is inside " + (quote == '\'' ? "single" : "double")
                            + " quotes; values in a shell command are quoted for you: remove the quotes around it,"
                            + " or write '{{ " + inside + " | raw }}' to insert the value as it is");
                }
                i = end + 2;
                continue;
            }
            if (quote == 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                }
            } else if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                quote = 0;
            }
            i++;
        }
        return Optional.empty();
    }
}
