package io.trackerhub.archive.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An archived story (Tracker's id). Its comments, tasks, blockers, reviews and attachments are kept in the export's
 * order, keyed by story and place (the export gives them no ids).
 */
@Entity
@Table(name = "story")
public class Story extends PanacheEntityBase {

    @Id
    public long id;
    public long projectId;
    public String name;
    public String storyType;
    public String currentState;
    public Float estimate;
    public String storyPriority;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> labels = new ArrayList<>();
    public Integer iteration;
    public LocalDate iterationStart;
    public LocalDate iterationEnd;
    public Instant createdAt;
    public Instant acceptedAt;
    public Instant deadline;
    public Long requestedById;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<Long> ownerIds = new ArrayList<>();
    public String description;
    public String url;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> pullRequests = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> branches = new ArrayList<>();
    public long version;
    public String contentHash;
    public Instant updatedAt;

    @ElementCollection
    @CollectionTable(name = "comment", joinColumns = @JoinColumn(name = "story_id"))
    @OrderColumn(name = "position")
    public List<Comment> comments = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "task", joinColumns = @JoinColumn(name = "story_id"))
    @OrderColumn(name = "position")
    public List<Task> tasks = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "blocker", joinColumns = @JoinColumn(name = "story_id"))
    @OrderColumn(name = "position")
    public List<Blocker> blockers = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "review", joinColumns = @JoinColumn(name = "story_id"))
    @OrderColumn(name = "position")
    public List<Review> reviews = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "attachment", joinColumns = @JoinColumn(name = "story_id"))
    @OrderColumn(name = "position")
    public List<Attachment> attachments = new ArrayList<>();


    @Embeddable
    public static class Comment {
        @Column(name = "text")
        public String text;
        public Long personId;
        public LocalDate createdOn;
    }

    @Embeddable
    public static class Task {
        public String description;
        public boolean complete;
    }

    @Embeddable
    public static class Blocker {
        public String description;
        public boolean resolved;
    }

    @Embeddable
    public static class Review {
        public Long reviewerId;
        public String reviewType;
        public String status;
    }

    @Embeddable
    public static class Attachment {
        public String fileName;
        public long size;
    }
}
