package dev.freshet.tasks.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Numbers in messages: as short as they can be without lying ({@code 5} rather than {@code 5.0}). */
public final class Numbers {
    private Numbers() {}

    public static String format(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return new BigDecimal(String.valueOf(value))
                                .stripTrailingZeros()
                                .toPlainString()
                                .length()
                        <= 12
                ? new BigDecimal(String.valueOf(value)).stripTrailingZeros().toPlainString()
                : String.format(Locale.ROOT, "%.6g", value);
    }

    /** A fraction as a percentage with up to two decimals, e.g. {@code 12.5%}. */
    public static String percent(double fraction) {
        return new BigDecimal(fraction * 100)
                        .setScale(2, RoundingMode.HALF_UP)
                        .stripTrailingZeros()
                        .toPlainString() + "%";
    }
}
