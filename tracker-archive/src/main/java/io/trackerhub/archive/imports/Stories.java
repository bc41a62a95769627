package io.trackerhub.archive.imports;

import io.trackerhub.archive.csv.ExportStory;
import io.trackerhub.archive.store.Story;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A story row of the export onto the archive's story. */
final class Stories {

    private Stories() {
    }

    static void fill(Story story, ExportStory row, Map<String, Long> people, List<Story.Attachment> files) {
        story.name = row.title() == null ? "(no title)" : row.title();
        story.storyType = row.type() == null ? "feature" : row.type();
        story.currentState = row.currentState() == null ? "unscheduled" : row.currentState();
        story.estimate = row.estimate();
        story.storyPriority = row.priority();
        story.labels = new ArrayList<>(row.labels());
        story.iteration = row.iteration();
        story.iterationStart = row.iterationStart();
        story.iterationEnd = row.iterationEnd();
        story.createdAt = row.createdAt();
        story.acceptedAt = row.acceptedAt();
        story.deadline = row.deadline();
        story.requestedById = row.requestedBy() == null ? null : people.get(row.requestedBy().strip());
        story.ownerIds = new ArrayList<>(row.owners().stream().map(o -> people.get(o.strip())).filter(java.util.Objects::nonNull).toList());
        story.description = row.description();
        story.url = row.url();
        story.pullRequests = new ArrayList<>(row.pullRequests());
        story.branches = new ArrayList<>(row.branches());
        story.comments.clear();
        for (ExportStory.Comment c : row.comments()) {
            Story.Comment comment = new Story.Comment();
            comment.text = c.text();
            comment.personId = c.author() == null ? null : people.get(c.author().strip());
            comment.createdOn = c.date() != null ? c.date() : row.createdAt() == null ? null : row.createdAt().atZone(ZoneOffset.UTC).toLocalDate();
            story.comments.add(comment);
        }
        story.tasks.clear();
        for (ExportStory.Task t : row.tasks()) {
            Story.Task task = new Story.Task();
            task.description = t.description();
            task.complete = t.complete();
            story.tasks.add(task);
        }
        story.blockers.clear();
        for (ExportStory.Blocker b : row.blockers()) {
            Story.Blocker blocker = new Story.Blocker();
            blocker.description = b.description();
            blocker.resolved = b.resolved();
            story.blockers.add(blocker);
        }
        story.reviews.clear();
        for (ExportStory.Review r : row.reviews()) {
            Story.Review review = new Story.Review();
            review.reviewerId = r.reviewer() == null ? null : people.get(r.reviewer().strip());
            review.reviewType = r.type();
            review.status = r.status();
            story.reviews.add(review);
        }
        story.attachments.clear();
        story.attachments.addAll(files);
    }
}
