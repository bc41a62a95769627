package io.trackerhub.archive.csv;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * What an import read: counts, the columns it does not know (kept out, never fatal) and the cells it could not read
 * (the row is kept without that value).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Report(int stories, int epics, int tasks, int comments, List<String> unknownColumns, List<Unreadable> unreadableCells) {

    /** A cell that could not be read: its row (1 = the first after the header), column, value and why. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Unreadable(long row, String column, String value, String problem) {
    }
}
