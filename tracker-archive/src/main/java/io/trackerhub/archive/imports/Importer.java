package io.trackerhub.archive.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.trackerhub.archive.csv.ExportEpic;
import io.trackerhub.archive.csv.ExportReader;
import io.trackerhub.archive.csv.ExportStory;
import io.trackerhub.archive.csv.Report;
import io.trackerhub.archive.store.Activity;
import io.trackerhub.archive.store.Epic;
import io.trackerhub.archive.store.Import;
import io.trackerhub.archive.store.Membership;
import io.trackerhub.archive.store.People;
import io.trackerhub.archive.store.Project;
import io.trackerhub.archive.store.Story;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.secrets.BearerSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Imports a Tracker CSV export into a project of the archive: the zip Tracker's "Export CSV" gave (its CSVs and the
 * list of each story's attachment folder) or a bare CSV, streamed a chunk of stories at a time so that memory stays
 * bounded whatever the export's size. Stories and epics keep Tracker's ids; importing the same export again changes
 * nothing (a story whose content is the same keeps its version); a newer export of the project updates what changed.
 */
@ApplicationScoped
public class Importer {

    private static final Logger LOG = Logger.getLogger(Importer.class);
    static final int CHUNK = 500;
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** A file sent for import: its name as the client gave it and where it was stored. */
    public record Upload(String fileName, Path path) {
    }

    /** What an import did: the project it went into and what it read. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Result(Long id, List<Long> projectIds, Report report, int storiesChanged, int epicsChanged, boolean dryRun) {
    }

    private final People people;

    public Importer(People people) {
        this.people = people;
    }

    /**
     * {@code projectName}: the project's name (else the file's name without date and extension); {@code projectId}:
     * its original Tracker id when known (else the archive's id of a project of that name, or a new one).
     */
    public Result run(List<Upload> uploads, String projectName, Long projectId, boolean dryRun) {
        if (uploads.isEmpty()) {
            throw ProblemException.invalid("file", "is required: the zip of Tracker's Export CSV, or its stories CSV");
        }
        String name = projectName != null && !projectName.isBlank() ? projectName.strip() : nameOf(uploads.get(0).fileName());
        Target target = dryRun ? null : QuarkusTransaction.requiringNew().call(() -> project(name, projectId));
        Sink sink = new Sink(target);
        List<Report> reports = new ArrayList<>();
        for (Upload upload : uploads) {
            reports.addAll(read(upload, sink));
        }
        sink.flush();
        Report report = merge(reports);
        if (dryRun) {
            return new Result(null, List.of(), report, 0, 0, true);
        }
        long importId = QuarkusTransaction.requiringNew().call(() -> {
            Import done = new Import();
            done.projectId = target.id;
            done.fileName = uploads.stream().map(Upload::fileName).toList().toString();
            done.report = json(report);
            done.importedAt = Instant.now();
            done.persist();
            return done.id;
        });
        if (sink.storiesChanged + sink.epicsChanged > 0) {
            // The v5 API's first reader (the poller, pages of 500) comes right after an import, before autovacuum has
            // looked: without statistics PostgreSQL planned each page as a scan and sort of every story (bench/archive:
            // 17-30 ms per page of ids, 2.5 ms after ANALYZE).
            QuarkusTransaction.requiringNew().run(() -> Project.getEntityManager()
                    .createNativeQuery("analyze story, activity, label").executeUpdate());
        }
        LOG.infof("import %d into project %d (%s): %d stories (%d changed), %d epics (%d changed)", importId, target.id, name,
                report.stories(), sink.storiesChanged, report.epics(), sink.epicsChanged);
        return new Result(importId, List.of(target.id), report, sink.storiesChanged, sink.epicsChanged, false);
    }

    /** Where the rows go: the project (by id, else by name, else new). */
    private record Target(long id, String name) {
    }

    private Target project(String name, Long projectId) {
        Project project = projectId != null ? Project.findById(projectId) : Project.byName(name).orElse(null);
        if (project == null) {
            project = new Project();
            project.id = projectId != null ? projectId : ((Number) Project.getEntityManager()
                    .createNativeQuery("select nextval('project_id_seq')").getSingleResult()).longValue();
            project.name = name;
            project.version = 1;
            project.importedAt = Instant.now();
            project.updatedAt = project.importedAt;
            project.persist();
        } else if (!project.name.equals(name) && projectId != null) {
            project.name = name;
        }
        return new Target(project.id, project.name);
    }

    private List<Report> read(Upload upload, Sink sink) {
        String lower = upload.fileName().toLowerCase(java.util.Locale.ROOT);
        try {
            if (lower.endsWith(".zip") || isZip(upload.path())) {
                return readZip(upload, sink);
            }
            try (Reader reader = new InputStreamReader(Files.newInputStream(upload.path()), StandardCharsets.UTF_8)) {
                return List.of(ExportReader.read(reader, sink::story, sink::epic));
            }
        } catch (IOException e) {
            throw ProblemException.invalid("file", upload.fileName() + " is not a Tracker export: " + e.getMessage());
        }
    }

    private List<Report> readZip(Upload upload, Sink sink) throws IOException {
        List<Report> reports = new ArrayList<>();
        try (ZipFile zip = new ZipFile(upload.path().toFile(), StandardCharsets.UTF_8)) {
            // attachments first: a story's folder is named by its id, anywhere in the zip
            List<? extends ZipEntry> entries = zip.stream().toList();
            for (ZipEntry entry : entries) {
                if (!entry.isDirectory() && !entry.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
                    sink.attachment(entry.getName(), entry.getSize());
                }
            }
            int csvs = 0;
            for (ZipEntry entry : entries) {
                if (!entry.isDirectory() && entry.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
                    csvs++;
                    try (InputStream in = zip.getInputStream(entry); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                        reports.add(ExportReader.read(reader, sink::story, sink::epic));
                    }
                }
            }
            if (csvs == 0) {
                throw new IOException("the zip holds no CSV file");
            }
        }
        return reports;
    }

    private static boolean isZip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }

    /** {@code my_project_20250301_1402.zip} → {@code my project}. */
    static String nameOf(String fileName) {
        String base = fileName.replaceAll(".*[/\\\\]", "").replaceAll("(?i)\\.(zip|csv)$", "");
        base = base.replaceAll("(?i)-export$", "").replaceAll("_\\d{8}_\\d{4}$", "").replaceAll("_\\d{8}$", "");
        base = base.replace('_', ' ').strip();
        return base.isEmpty() ? "Imported project" : base;
    }

    private static Report merge(List<Report> reports) {
        int stories = 0;
        int epics = 0;
        int tasks = 0;
        int comments = 0;
        Set<String> unknown = new LinkedHashSet<>();
        List<Report.Unreadable> unreadable = new ArrayList<>();
        for (Report r : reports) {
            stories += r.stories();
            epics += r.epics();
            tasks += r.tasks();
            comments += r.comments();
            unknown.addAll(r.unknownColumns());
            unreadable.addAll(r.unreadableCells());
        }
        return new Report(stories, epics, tasks, comments, List.copyOf(unknown), unreadable);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }


    /** Collects rows into chunks and stores each chunk in a transaction of its own; counts what changed. */
    private final class Sink {
        final Target target;
        final List<ExportStory> stories = new ArrayList<>();
        final List<ExportEpic> epics = new ArrayList<>();
        final Map<Long, List<Story.Attachment>> attachments = new HashMap<>();
        /** The people of this import already given ids and made members of the project. */
        final Map<String, Long> known = new HashMap<>();
        int storiesChanged;
        int epicsChanged;

        Sink(Target target) {
            this.target = target;
        }

        void attachment(String path, long size) {
            String[] parts = path.split("/");
            for (int i = parts.length - 2; i >= 0; i--) {
                if (parts[i].matches("\\d{1,18}")) {
                    Story.Attachment a = new Story.Attachment();
                    a.fileName = parts[parts.length - 1];
                    a.size = Math.max(size, 0);
                    attachments.computeIfAbsent(Long.parseLong(parts[i]), k -> new ArrayList<>()).add(a);
                    return;
                }
            }
        }

        void story(ExportStory story) {
            stories.add(story);
            if (stories.size() >= CHUNK) {
                flush();
            }
        }

        void epic(ExportEpic epic) {
            epics.add(epic);
            if (epics.size() >= CHUNK) {
                flush();
            }
        }

        void flush() {
            if (target != null && (!stories.isEmpty() || !epics.isEmpty())) {
                List<ExportStory> s = List.copyOf(stories);
                List<ExportEpic> e = List.copyOf(epics);
                QuarkusTransaction.requiringNew().timeout(300).run(() -> store(s, e));
            }
            stories.clear();
            epics.clear();
        }

        private void store(List<ExportStory> chunk, List<ExportEpic> epicChunk) {
            Project project = Project.findById(target.id, LockModeType.PESSIMISTIC_WRITE);
            Instant now = Instant.now();
            Set<String> names = new LinkedHashSet<>();
            for (ExportStory s : chunk) {
                add(names, s.requestedBy());
                s.owners().forEach(o -> add(names, o));
                s.comments().forEach(c -> add(names, c.author()));
                s.reviews().forEach(r -> add(names, r.reviewer()));
            }
            // people are looked up (and made members) once per import, not once per chunk
            names.removeAll(known.keySet());
            Map<String, Long> newcomers = people.ids(names);
            known.putAll(newcomers);
            Map<String, Long> ids = known;
            for (Long personId : newcomers.values()) {
                Membership.Key key = new Membership.Key(project.id, personId);
                if (Membership.findById(key) == null) {
                    Membership m = new Membership();
                    m.key = key;
                    m.role = "member";
                    m.persist();
                }
            }
            Map<Long, Story> existing = new HashMap<>();
            if (!chunk.isEmpty()) {
                Story.<Story>list("id in ?1", chunk.stream().map(ExportStory::id).toList()).forEach(s -> existing.put(s.id, s));
            }
            for (ExportStory row : chunk) {
                List<Story.Attachment> files = attachments.getOrDefault(row.id(), List.of());
                String hash = BearerSecrets.sha256(List.of(row, files.stream().map(a -> a.fileName + ":" + a.size).toList()).toString());
                Story story = existing.get(row.id());
                // the same story (Tracker's id) in another project's export moved there, as it would have in Tracker
                if (story != null && story.contentHash.equals(hash) && story.projectId == project.id) {
                    continue;
                }
                String kind = Activity.STORY_UPDATE;
                if (story == null) {
                    story = new Story();
                    story.id = row.id();
                    kind = Activity.STORY_CREATE;
                } else if (story.projectId != project.id) {
                    kind = Activity.STORY_MOVE_INTO;
                    movedOut(story.projectId, story.id, now);
                }
                Stories.fill(story, row, ids, files);
                story.projectId = project.id;
                story.contentHash = hash;
                Activity.append(project, kind, "story", story.id, now);
                story.version = project.version;
                story.updatedAt = now;
                if (!existing.containsKey(row.id())) {
                    story.persist();
                }
                storiesChanged++;
            }
            for (ExportEpic row : epicChunk) {
                Epic epic = Epic.findById(row.id());
                boolean fresh = epic == null;
                if (fresh) {
                    epic = new Epic();
                    epic.id = row.id();
                }
                // an epic in another project's export went there with the project's export (a project imported anew)
                boolean changed = fresh || epic.projectId != project.id || !java.util.Objects.equals(epic.name, row.name()) || !java.util.Objects.equals(epic.label, row.label())
                        || !java.util.Objects.equals(epic.description, row.description()) || !java.util.Objects.equals(epic.url, row.url());
                if (!changed) {
                    continue;
                }
                boolean moved = !fresh && epic.projectId != project.id;
                epic.projectId = project.id;
                epic.name = row.name() == null ? "Epic " + row.id() : row.name();
                epic.label = row.label();
                epic.description = row.description();
                epic.url = row.url();
                epic.createdAt = row.createdAt();
                epic.updatedAt = now;
                if (fresh) {
                    epic.persist();
                }
                Activity.append(project, fresh || moved ? Activity.EPIC_CREATE : Activity.EPIC_UPDATE, "epic", epic.id, now);
                epicsChanged++;
            }
            labels(project.id, chunk, epicChunk);
            project.updatedAt = now;
        }

        /** The project a story left says so in its feed, as Tracker's did (fixtures/tracker/moves). */
        private void movedOut(long fromProjectId, long storyId, Instant now) {
            Project from = Project.findById(fromProjectId, LockModeType.PESSIMISTIC_WRITE);
            if (from != null) {
                Activity.append(from, Activity.STORY_MOVE_FROM, "story", storyId, now);
                from.updatedAt = now;
            }
        }

        /** The labels the chunk names get their ids (once per project and name, any case). */
        private void labels(long projectId, List<ExportStory> chunk, List<ExportEpic> epicChunk) {
            Set<String> names = new LinkedHashSet<>();
            chunk.forEach(s -> names.addAll(s.labels()));
            epicChunk.forEach(e -> add(names, e.label()));
            if (!names.isEmpty()) {
                Project.getEntityManager().createNativeQuery("insert into label (project_id, name) select ?1, unnest(cast(?2 as text[])) "
                                + "on conflict do nothing")
                        .setParameter(1, projectId).setParameter(2, names.toArray(String[]::new)).executeUpdate();
            }
        }

        private static void add(Set<String> names, String name) {
            if (name != null && !name.isBlank()) {
                names.add(name.strip());
            }
        }
    }
}
