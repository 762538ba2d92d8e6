package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line a performance trigger's metric must cross: a fixed number, or a factor of the champion's metric on its
 * holdout as recorded at training ({@code 1.1x_holdout}).
 *
 * @param value a fixed line, or the factor when {@code ofHoldout}
 */
public record DecayThreshold(double value, boolean ofHoldout) {
    private static final Pattern OF_HOLDOUT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)x_holdout");

    public DecayThreshold {
        if (!Double.isFinite(value) || value <= 0) {
            throw new InvalidInputException("above must be a positive number or a factor such as 1.1x_holdout, got "
                    + value + (ofHoldout ? "x_holdout" : ""));
        }
    }

    /** {@code 1.1x_holdout} or a number such as {@code 0.75}. */
    public static DecayThreshold parse(String text) {
        Matcher factor = OF_HOLDOUT.matcher(text.strip());
        if (factor.matches()) {
            return new DecayThreshold(Double.parseDouble(factor.group(1)), true);
        }
        try {
            return new DecayThreshold(Double.parseDouble(text.strip()), false);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    "above must be a number such as 0.75 or a factor of the holdout metric such as 1.1x_holdout, got '"
                            + text + "'");
        }
    }

    /** The line for a champion whose holdout metric is {@code holdout} (empty: not recorded). */
    public OptionalDouble line(OptionalDouble holdout) {
        if (!ofHoldout) {
            return OptionalDouble.of(value);
        }
        return holdout.isPresent() ? OptionalDouble.of(value * holdout.getAsDouble()) : OptionalDouble.empty();
    }

    @Override
    public String toString() {
        return ofHoldout ? String.format(Locale.ROOT, "%sx_holdout", value) : Double.toString(value);
    }
}
