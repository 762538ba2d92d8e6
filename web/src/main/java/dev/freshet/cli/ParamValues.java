package dev.freshet.cli;

/** A {@code -P key=value} value as the most specific JSON scalar it reads as: whole number, number, boolean, text. */
final class ParamValues {
    private ParamValues() {}

    static Object parse(String text) {
        String t = text.trim();
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException notLong) {
            try {
                double d = Double.parseDouble(t);
                return Double.isFinite(d) ? d : text;
            } catch (NumberFormatException notNumber) {
                return text;
            }
        }
    }
}
