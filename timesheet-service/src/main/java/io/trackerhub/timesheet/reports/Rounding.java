package io.trackerhub.timesheet.reports;

import io.trackerhub.kit.errors.ProblemException;

import java.util.Locale;

/**
 * Rounding of each entry's duration before it is summed, as Harvest does: to a multiple of {@code roundToMinutes},
 * to the nearest (half up), up or down. {@link #NONE} keeps seconds as they are.
 */
record Rounding(String mode, int roundToMinutes) {

    public static final Rounding NONE = new Rounding("none", 0);

    public static Rounding of(String mode, Integer roundTo) {
        if ((mode == null || mode.isBlank()) && roundTo == null) {
            return NONE;
        }
        String m = mode == null || mode.isBlank() ? "nearest" : mode.trim().toLowerCase(Locale.ROOT);
        if (!m.equals("nearest") && !m.equals("up") && !m.equals("down")) {
            throw ProblemException.invalid("rounding", "'" + mode + "' is not one of nearest, up, down");
        }
        int minutes = roundTo == null ? 15 : roundTo;
        if (minutes < 1 || minutes > 1440) {
            throw ProblemException.invalid("round_to", "must be a number of minutes from 1 to 1440, got " + roundTo);
        }
        return new Rounding(m, minutes);
    }

    public long apply(long seconds) {
        if (roundToMinutes == 0) {
            return seconds;
        }
        long unit = roundToMinutes * 60L;
        long below = seconds / unit * unit;
        return switch (mode) {
            case "down" -> below;
            case "up" -> below == seconds ? seconds : below + unit;
            default -> seconds - below >= unit - (seconds - below) ? below + unit : below;
        };
    }
}
