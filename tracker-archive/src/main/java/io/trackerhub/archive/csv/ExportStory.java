package io.trackerhub.archive.csv;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of a Tracker CSV export that is a story, as the export says it: people by name (the export has no person
 * ids), dates at day precision where the export gives only a day.
 */
public record ExportStory(long id, String title, String type, String currentState, Float estimate, String priority, List<String> labels,
                          Integer iteration, LocalDate iterationStart, LocalDate iterationEnd, Instant createdAt, Instant acceptedAt,
                          Instant deadline, String requestedBy, String description, String url, List<String> owners, List<Review> reviews,
                          List<Blocker> blockers, List<Comment> comments, List<Task> tasks, List<String> pullRequests, List<String> branches) {

    /** A comment cell: {@code text (Author - Mon D, YYYY)}; author and date null when the cell does not end so. */
    public record Comment(String text, String author, LocalDate date) {
    }

    /** A task cell and its status cell ({@code completed} / {@code not completed}). */
    public record Task(String description, boolean complete) {
    }

    /** A blocker cell and its status cell ({@code resolved} / {@code blocked}). */
    public record Blocker(String description, boolean resolved) {
    }

    /** A reviewer with the review's type and status. */
    public record Review(String reviewer, String type, String status) {
    }
}
