package dev.freshet.web.api;

import java.util.Locale;

/**
 * Whether a log is answered as JSON or plain text, from the request's {@code Accept}: JSON when
 * {@code application/json} is asked for with a higher quality than plain text ({@code text/plain}, else
 * {@code text/*}, else a wildcard), or the same quality and named first. No header, or only a wildcard, is plain text.
 */
final class LogFormat {
    private LogFormat() {}

    static boolean wantsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double json = -1;
        int jsonAt = Integer.MAX_VALUE;
        double text = -1;
        int textAt = Integer.MAX_VALUE;
        double textRange = -1;
        double any = -1;
        String[] ranges = accept.split(",");
        for (int i = 0; i < ranges.length; i++) {
            String[] parts = ranges[i].split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            switch (type) {
                case "application/json" -> {
                    json = q;
                    jsonAt = i;
                }
                case "text/plain" -> {
                    text = q;
                    textAt = i;
                }
                case "text/*" -> textRange = q;
                case "*/*" -> any = q;
                default -> {}
            }
        }
        double plain = text >= 0 ? text : textRange >= 0 ? textRange : any;
        return json > 0 && (json > plain || json == plain && jsonAt < textAt);
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].strip();
            if (param.startsWith("q=")) {
                try {
                    return Double.parseDouble(param.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
