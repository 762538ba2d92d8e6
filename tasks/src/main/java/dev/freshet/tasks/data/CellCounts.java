package dev.freshet.tasks.data;

/** How many cells of one column are missing (empty, NaN, NA…), text that is not a number, or not finite. */
public record CellCounts(int missing, int notANumber, int notFinite) {
    public static final CellCounts NONE = new CellCounts(0, 0, 0);

    public CellCounts {
        if (missing < 0 || notANumber < 0 || notFinite < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    public int invalid() {
        return missing + notANumber + notFinite;
    }

    /** Cells whose text is not a number at all: what breaks a column's numeric type. */
    public int wrongType() {
        return notANumber + notFinite;
    }

    CellCounts plus(CsvIssue.Kind kind) {
        return switch (kind) {
            case MISSING -> new CellCounts(missing + 1, notANumber, notFinite);
            case NOT_A_NUMBER -> new CellCounts(missing, notANumber + 1, notFinite);
            case NOT_FINITE -> new CellCounts(missing, notANumber, notFinite + 1);
            default -> this;
        };
    }
}
