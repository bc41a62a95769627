package io.trackerhub.archive.csv;

import java.time.Instant;
import java.util.List;

/** An epic: a row of the epics CSV, or (older exports) a row of type {@code epic} among the stories. */
public record ExportEpic(long id, String name, String label, String description, String url, Instant createdAt, List<ExportStory.Comment> comments) {
}
