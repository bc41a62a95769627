package io.trackerhub.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.trackerhub.events.kafka.CloudEventHeaders;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.testkit.Fixtures;
import io.trackerhub.testkit.KafkaTestClient;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The round trip with a real public export: CSV → tracker-archive → poller (reading the archive's Tracker API
 * v5 as it reads Tracker) → Kafka → timesheet and the connector's datasets, each holding exactly the CSV's stories of
 * the project (and the connector its epics); then the same export with one story's title edited, imported again and
 * synced: the new title reaches both and nothing else changes. Counts come from the CSV itself (Jackson CSV), never
 * from the archive's reader.
 */
@Order(8)
class ArchiveRoundTripTest {

    private static final String EXPORT = "fixtures/tracker/csv/audience1st_2025_priority_blocker_pr_epic_rows.csv";
    /** The project id given to the archive (the README's range for this test: 9.9M). */
    private static final long PROJECT = 9_900_000L;
    private static final String PROJECT_NAME = "Audience1st round trip";
    private static final String PREFIX = "Round trip: ";

    private final Stack stack = Stack.get();

    /** A row of the export: its id, type, state, title, labels and estimate as the CSV holds them. */
    private record Row(long id, String type, String state, String title, String labels, String estimate) {

        Set<String> labelSet() {
            Set<String> set = new HashSet<>();
            for (String label : labels.split(",")) {
                if (!label.isBlank()) {
                    set.add(label.strip());
                }
            }
            return set;
        }

        /** The estimate as a number, or null (none, or Tracker's -1 for none). */
        Double points() {
            return estimate.isBlank() || estimate.strip().equals("-1") ? null : Double.valueOf(estimate.strip());
        }
    }

    @Test
    @Timeout(360)
    void everyStoryOfARealExportReachesTheTimesheetAndTheDatasetsAndAnEditFollows() throws Exception {
        String csv = Files.readString(Fixtures.repositoryFile(EXPORT), StandardCharsets.UTF_8);
        List<Row> rows = rows(csv);
        Map<Long, Row> stories = new LinkedHashMap<>();
        rows.stream().filter(r -> !r.type.equals("epic")).forEach(r -> stories.put(r.id, r));
        int epics = (int) rows.stream().filter(r -> r.type.equals("epic")).count();
        long open = stories.values().stream().filter(r -> !r.state.equals("accepted")).count();
        assertThat(stories).as("stories in the export").isNotEmpty();

        ServiceProcess archive = stack.service(App.ARCHIVE, "rt-archive").start();
        String trackerApi = archive.url() + "/services/v5";
        ServiceProcess poller = stack.service(App.POLLER, "rt-poller", Map.of("HUB_TRACKER_BASE_URL", trackerApi)).start();
        ServiceProcess timesheet = stack.service(App.TIMESHEET, "rt-timesheet",
                stack.groupsFromNow("rt-timesheet", ConsumerRig.Service.TIMESHEET.channels)).start();
        ServiceProcess connector = stack.service(App.CONNECTOR, "rt-connector",
                stack.groupsFromNow("rt-connector", ConsumerRig.Service.CONNECTOR.channels)).start();
        for (ServiceProcess p : List.of(archive, poller, timesheet, connector)) {
            p.awaitReady(Duration.ofSeconds(180));
        }
        try {
            // 1. the export into the archive, under a project id of this test's range
            long t0 = System.nanoTime();
            JsonNode imported = importCsv(archive, csv);
            double importSeconds = seconds(t0);
            assertThat(imported.path("project_ids").get(0).asLong()).isEqualTo(PROJECT);
            assertThat(imported.path("report").path("stories").asInt()).as("the archive's report: stories").isEqualTo(stories.size());
            assertThat(imported.path("report").path("epics").asInt()).as("the archive's report: epics").isEqualTo(epics);

            // 2. a token for the poller, and an integration reading the archive as its Tracker
            String token = stack.secret(stack.admin("POST", archive.url() + "/api/tokens", "{\"label\": \"round trip poller\"}", 201)
                    .path("token").asText());
            long t1 = System.nanoTime();
            JsonNode integration = stack.admin("POST", poller.url() + "/api/integrations", "{\"name\": \"archive round trip\", \"api_token\": \""
                    + token + "\", \"base_url\": \"" + trackerApi + "\", \"project_ids\": [" + PROJECT + "]}", 201);
            long id = integration.path("id").asLong();
            JsonNode project = awaitImported(poller, id, Duration.ofSeconds(120));
            double pollerSeconds = seconds(t1);
            awaitConsumed(List.of(timesheet, connector), Duration.ofSeconds(120));
            double hubSeconds = seconds(t1);

            // 3. what each end holds
            Map<Long, String> timesheetNames = timesheetStories(timesheet.instance);
            Set<Long> inTimesheet = timesheetNames.keySet();
            List<JsonNode> openTasks = openTimesheetStories(timesheet);
            Map<Long, JsonNode> inDatasets = dataset(connector, "stories");
            Map<Long, JsonNode> epicsInDatasets = dataset(connector, "epics");
            Published published = published(id);
            Figures.record("archive round trip: real export (" + rows.size() + " rows: " + stories.size() + " stories, " + epics + " epics) → archive → poller → Kafka → timesheet, datasets",
                    "archive import " + String.format("%.1f", importSeconds) + " s; poller imported in " + String.format("%.1f", pollerSeconds)
                            + " s (" + project.path("cursor_version").asLong() + " versions); in the timesheet and the datasets "
                            + String.format("%.1f", hubSeconds) + " s after the integration was made; tracker.stories " + published.stories
                            + " snapshots (" + published.storyIds.size() + " stories), tracker.epics " + published.epics + "; timesheet "
                            + inTimesheet.size() + " stories (" + openTasks.size() + " open), datasets " + inDatasets.size() + " stories, "
                            + epicsInDatasets.size() + " epics");
            assertSoftly(softly -> {
                softly.assertThat(published.storyIds).as("stories of the project with a snapshot on tracker.stories").isEqualTo(stories.keySet());
                softly.assertThat(published.stories).as("story snapshots of the first import on tracker.stories").isEqualTo(stories.size());
                softly.assertThat(published.epics).as("epic snapshots on tracker.epics").isEqualTo(epics);
                softly.assertThat(inTimesheet).as("the timesheet's stories of the project").isEqualTo(stories.keySet());
                softly.assertThat(openTasks).as("open stories of the project the timesheet's API lists (the CSV's not accepted ones)").hasSize((int) open);
                softly.assertThat(inDatasets.keySet()).as("the stories dataset of the project").isEqualTo(stories.keySet());
                softly.assertThat(epicsInDatasets).as("the epics dataset of the project").hasSize(epics);
                // and each story as the CSV has it: title, type, state, labels, estimate (datasets) and title (timesheet)
                for (JsonNode story : inDatasets.values()) {
                    Row row = stories.get(story.path("id").asLong());
                    if (row != null) {
                        softly.assertThat(story.path("name").asText()).as("title of story " + row.id).isEqualTo(row.title.strip());
                        softly.assertThat(story.path("story_type").asText()).as("type of story " + row.id).isEqualTo(row.type);
                        softly.assertThat(story.path("current_state").asText()).as("state of story " + row.id).isEqualTo(row.state);
                        Set<String> labels = new HashSet<>();
                        story.path("labels").forEach(l -> labels.add(l.asText()));
                        softly.assertThat(labels).as("labels of story " + row.id).isEqualTo(row.labelSet());
                        softly.assertThat(story.path("estimate").isNull() ? null : story.path("estimate").asDouble())
                                .as("estimate of story " + row.id).isEqualTo(row.points());
                    }
                }
                timesheetNames.forEach((storyId, name) -> {
                    Row row = stories.get(storyId);
                    if (row != null) {
                        softly.assertThat(name).as("title of story " + storyId + " in the timesheet").isEqualTo(row.title.strip());
                    }
                });
                Set<String> epicTitles = new HashSet<>();
                rows.stream().filter(r -> r.type.equals("epic")).forEach(r -> epicTitles.add(r.title.strip()));
                Set<String> epicNames = new HashSet<>();
                epicsInDatasets.values().forEach(e -> epicNames.add(e.path("name").asText()));
                softly.assertThat(epicNames).as("the epics' names in the dataset").isEqualTo(epicTitles);
            });

            // 4. the same export with one story's title edited, imported again and synced: the new title arrives, nothing else moves
            Row edited = stories.values().stream().filter(r -> !r.state.equals("accepted") && !r.type.equals("release")).findFirst().orElseThrow();
            String newTitle = (PREFIX + edited.title).strip();
            String changedCsv = retitled(csv, edited.id);
            List<Row> changedRows = rows(changedCsv);
            assertThat(changedRows).as("the edited CSV has the same rows").hasSize(rows.size());
            assertThat(changedRows.stream().filter(r -> r.id == edited.id && !r.type.equals("epic")).findFirst().orElseThrow().title.strip())
                    .as("the edited row's title").isEqualTo(newTitle);
            JsonNode again = importCsv(archive, changedCsv);
            assertThat(again.path("stories_changed").asInt()).as("stories the second import changed").isEqualTo(1);
            assertThat(again.path("epics_changed").asInt()).as("epics the second import changed").isZero();
            long t2 = System.nanoTime();
            stack.admin("POST", poller.url() + "/api/integrations/" + id + "/sync", null, 202);
            await("the new title in the timesheet and the datasets", Duration.ofSeconds(90),
                    () -> newTitle.equals(timesheetName(timesheet.instance, edited.id)) && newTitle.equals(datasetName(connector.instance, edited.id)));
            double changeSeconds = seconds(t2);
            awaitConsumed(List.of(timesheet, connector), Duration.ofSeconds(60));

            List<JsonNode> found = timesheetSearch(timesheet, Long.toString(edited.id));
            Set<Long> inTimesheetAfter = timesheetStories(timesheet.instance).keySet();
            Map<Long, JsonNode> inDatasetsAfter = dataset(connector, "stories");
            Published after = published(id);
            Figures.record("archive round trip: one title edited in the export, imported again, poller synced",
                    "in the timesheet and the datasets " + String.format("%.1f", changeSeconds) + " s after the sync request; tracker.stories "
                            + (after.stories - published.stories) + " more snapshot(s), tracker.activity " + after.activities
                            + " activities; timesheet " + inTimesheetAfter.size() + " stories, datasets " + inDatasetsAfter.size());
            assertSoftly(softly -> {
                softly.assertThat(found).as("the timesheet's API finds story " + edited.id).hasSize(1);
                if (found.size() == 1) {
                    softly.assertThat(found.get(0).path("name").asText()).as("its name in the timesheet's API").isEqualTo(newTitle);
                }
                softly.assertThat(inDatasetsAfter.getOrDefault(edited.id, Stack.JSON.nullNode()).path("name").asText()).as("its name in the stories dataset").isEqualTo(newTitle);
                softly.assertThat(inTimesheetAfter).as("the timesheet's stories after the edit").isEqualTo(stories.keySet());
                softly.assertThat(inDatasetsAfter.keySet()).as("the stories dataset after the edit").isEqualTo(stories.keySet());
                softly.assertThat(after.storyIds).as("stories on tracker.stories after the edit").isEqualTo(stories.keySet());
                softly.assertThat(after.stories - published.stories).as("snapshots the edit published").isEqualTo(1);
                softly.assertThat(after.activities).as("activities the edit published").isEqualTo(1);
                for (Map.Entry<Long, JsonNode> e : inDatasetsAfter.entrySet()) {
                    JsonNode before = inDatasets.get(e.getKey());
                    if (e.getKey() != edited.id && before != null) {
                        softly.assertThat(e.getValue().path("name")).as("name of story " + e.getKey() + " (not edited)").isEqualTo(before.path("name"));
                    }
                }
            });
        } finally {
            for (ServiceProcess p : List.of(poller, timesheet, connector, archive)) {
                p.terminate();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ the CSV

    /** The export's rows, read with Jackson CSV by column name (Id, Type, Current State, Title). */
    private static List<Row> rows(String csv) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(csv)) {
            List<String> header = new ArrayList<>();
            for (String name : it.next()) {
                header.add(name.strip().toLowerCase(Locale.ROOT));
            }
            int id = header.indexOf("id");
            int type = header.indexOf("type");
            int state = header.indexOf("current state");
            int title = header.indexOf("title");
            int labels = header.indexOf("labels");
            int estimate = header.indexOf("estimate");
            while (it.hasNext()) {
                String[] cells = it.next();
                if (cells.length == 0 || cells[0].isBlank()) {
                    continue;
                }
                rows.add(new Row(Long.parseLong(cells[id].strip()), cells[type].strip().toLowerCase(Locale.ROOT), cell(cells, state),
                        cells[title], cell(cells, labels), cell(cells, estimate)));
            }
        }
        return rows;
    }

    /** A cell of a row, empty where the row is shorter than the header (Tracker's epic rows are). */
    private static String cell(String[] cells, int column) {
        return column < cells.length ? cells[column].strip() : "";
    }

    /** The CSV text with {@link #PREFIX} put before the title of story {@code id} (the row's first cells: {@code id,title}). */
    private static String retitled(String csv, long id) {
        String start = "\n" + id + ",";
        int at = csv.indexOf(start);
        assertThat(at).as("row of story " + id).isNotNegative();
        assertThat(csv.indexOf(start, at + 1)).as("one row starts with story " + id).isNegative();
        int title = at + start.length();
        int insert = csv.charAt(title) == '"' ? title + 1 : title;
        return csv.substring(0, insert) + PREFIX + csv.substring(insert);
    }

    // ------------------------------------------------------------------------------------------------ archive and poller

    private JsonNode importCsv(ServiceProcess archive, String csv) {
        String boundary = "rt" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "file", "audience1st.csv", "text/csv", csv);
        part(body, boundary, "project_name", null, null, PROJECT_NAME);
        part(body, boundary, "project_id", null, null, Long.toString(PROJECT));
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(archive.url() + "/api/archives")).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + stack.adminToken).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as("POST /api/archives: " + response.body()).isEqualTo(201);
        return Stack.read(response.body());
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, String fileName, String type, String value) {
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name).append('"');
        if (fileName != null) {
            head.append("; filename=\"").append(fileName).append('"');
        }
        head.append("\r\n");
        if (type != null) {
            head.append("Content-Type: ").append(type).append("; charset=UTF-8\r\n");
        }
        head.append("\r\n");
        body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    /** Waits until the integration's project has a cursor (its first import committed) and the integration is ok; the project. */
    private JsonNode awaitImported(ServiceProcess poller, long id, Duration timeout) {
        JsonNode[] last = {null};
        try {
            await("the poller imported project " + PROJECT, timeout, () -> {
                last[0] = stack.admin("GET", poller.url() + "/api/integrations/" + id, null, 200);
                for (JsonNode p : last[0].path("projects")) {
                    if (p.path("id").asLong() == PROJECT && p.path("state").asText().equals("ok") && !p.path("cursor_version").isNull()) {
                        return last[0].path("state").asText().equals("ok");
                    }
                }
                return false;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the integration: " + last[0], e);
        }
        for (JsonNode p : last[0].path("projects")) {
            if (p.path("id").asLong() == PROJECT) {
                return p;
            }
        }
        throw new AssertionError("no project " + PROJECT + " in " + last[0]);
    }

    /** Waits until every consumer group of the instances has consumed everything on its topic (lag 0). */
    private void awaitConsumed(List<ServiceProcess> instances, Duration timeout) {
        Map<String, String> groups = new LinkedHashMap<>();
        for (ServiceProcess p : instances) {
            ConsumerRig.Service service = p.app == App.TIMESHEET ? ConsumerRig.Service.TIMESHEET : ConsumerRig.Service.CONNECTOR;
            service.channels.forEach(channel -> groups.put(p.instance + "." + channel, ConsumerRig.Service.topic(channel)));
        }
        Map<String, Long> lags = new HashMap<>();
        try {
            await("the timesheet and the connector consumed what the poller published", timeout, () -> {
                groups.forEach((group, topic) -> lags.put(group, stack.lag(group, topic)));
                return lags.values().stream().allMatch(l -> l == 0);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; lags " + lags, e);
        }
    }

    /** What the integration published about the project: story snapshots (and their ids), epic snapshots, activities. */
    private record Published(int stories, Set<Long> storyIds, int epics, int activities) {
    }

    private Published published(long integrationId) {
        String source = CloudEventHeaders.projectSource(PROJECT);
        Map<String, Integer> counts = new HashMap<>();
        Set<Long> storyIds = new HashSet<>();
        try (KafkaTestClient kafka = stack.kafkaClient()) {
            for (String topic : List.of(Topics.STORIES, Topics.EPICS, Topics.ACTIVITY)) {
                for (KafkaTestClient.Received r : kafka.consumeAll(topic, Duration.ofSeconds(60))) {
                    if (source.equals(r.header(CloudEventHeaders.SOURCE)) && Long.toString(integrationId).equals(r.header(CloudEventHeaders.HUB_INTEGRATION))
                            && r.value() != null) {
                        counts.merge(topic, 1, Integer::sum);
                        if (topic.equals(Topics.STORIES)) {
                            storyIds.add(Long.parseLong(r.key()));
                        }
                    }
                }
            }
        }
        return new Published(counts.getOrDefault(Topics.STORIES, 0), storyIds, counts.getOrDefault(Topics.EPICS, 0),
                counts.getOrDefault(Topics.ACTIVITY, 0));
    }

    // ------------------------------------------------------------------------------------------------ timesheet

    /** Tracker id → name of the story tasks under the project's task, archived ones (accepted stories) included. */
    private Map<Long, String> timesheetStories(String instance) throws SQLException {
        Map<Long, String> ids = new HashMap<>();
        try (Connection c = stack.database(instance); PreparedStatement s = c.prepareStatement("select s.tracker_id, s.name from timesheet.task s "
                + "join timesheet.task p on p.id = s.parent_id where s.kind = 'story' and p.kind = 'project' and p.tracker_id = ?")) {
            s.setLong(1, PROJECT);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return ids;
    }

    private String timesheetName(String instance, long storyId) {
        return text(instance, "select name from timesheet.task where kind = 'story' and tracker_id = ?", storyId);
    }

    /**
     * The open story tasks under the project's task that {@code GET /api/tasks} lists to the timesheet's admin (HTTP
     * Basic): the API lists open tasks only (an accepted story is archived), at most 500, which is enough here.
     */
    private List<JsonNode> openTimesheetStories(ServiceProcess timesheet) {
        JsonNode tasks = timesheetGet(timesheet, "/api/tasks?limit=500");
        assertThat(tasks.size()).as("tasks listed (the API's limit is 500)").isLessThan(500);
        Long projectTask = null;
        for (JsonNode task : tasks) {
            if (task.path("kind").asText().equals("project") && task.path("tracker_id").asLong() == PROJECT) {
                projectTask = task.path("id").asLong();
            }
        }
        List<JsonNode> stories = new ArrayList<>();
        for (JsonNode task : tasks) {
            if (task.path("kind").asText().equals("story") && projectTask != null && task.path("parent_id").asLong() == projectTask) {
                stories.add(task);
            }
        }
        return stories;
    }

    private List<JsonNode> timesheetSearch(ServiceProcess timesheet, String search) {
        List<JsonNode> found = new ArrayList<>();
        timesheetGet(timesheet, "/api/tasks?search=" + URLEncoder.encode(search, StandardCharsets.UTF_8))
                .forEach(t -> {
                    if (t.path("kind").asText().equals("story")) {
                        found.add(t);
                    }
                });
        return found;
    }

    private JsonNode timesheetGet(ServiceProcess timesheet, String path) {
        String basic = Base64.getEncoder().encodeToString((stack.timesheetAdminEmail + ":" + stack.timesheetAdminPassword).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(timesheet.url() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic).GET().build());
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
        return Stack.read(response.body());
    }

    // ------------------------------------------------------------------------------------------------ connector

    /** Every row of a dataset of the project by id, page after page. */
    private Map<Long, JsonNode> dataset(ServiceProcess connector, String name) {
        Map<Long, JsonNode> rows = new LinkedHashMap<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = stack.admin("GET", connector.url() + "/api/datasets/" + name + "?project_id=" + PROJECT + "&limit=500"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), null, 200);
            page.path("data").forEach(row -> rows.put(row.path("id").asLong(), row));
            cursor = page.path("next_cursor").isNull() || page.path("next_cursor").isMissingNode() ? null : page.path("next_cursor").asText();
            assertThat(++pages).as("pages of the " + name + " dataset").isLessThan(100);
        } while (cursor != null);
        return rows;
    }

    private String datasetName(String instance, long storyId) {
        return text(instance, "select name from connector.rm_story where id = ? and deleted_at is null", storyId);
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private String text(String instance, String sql, long id) {
        try (Connection c = stack.database(instance); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return Stack.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            ServiceProcess.sleep(250);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
