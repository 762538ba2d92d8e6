package dev.freshet.engine.task;

import java.util.Locale;
import java.util.Map;

/** The type a task setting is read as ({@link TaskConfig#number}, {@link TaskConfig#integer}, {@link TaskConfig#bool}). */
public enum SettingType {
    NUMBER,
    INTEGER,
    BOOLEAN;

    /** Whether the value, as a param gives it or as text a template renders, reads as this type. */
    public boolean accepts(Object value) {
        if (value == null) {
            return false;
        }
        Object probe = value instanceof Number || value instanceof Boolean
                ? value
                : value.toString().trim();
        TaskConfig config = new TaskConfig("probe", Map.of("v", probe));
        try {
            switch (this) {
                case NUMBER -> config.number("v");
                case INTEGER -> config.integer("v", 0);
                case BOOLEAN -> config.bool("v", false);
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String word() {
        return switch (this) {
            case NUMBER -> "a number";
            case INTEGER -> "a whole number";
            case BOOLEAN -> "true or false";
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
