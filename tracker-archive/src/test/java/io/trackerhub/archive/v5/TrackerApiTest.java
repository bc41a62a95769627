package io.trackerhub.archive.v5;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.trackerhub.testkit.Fixtures;
import io.trackerhub.testkit.PostgresDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-only Tracker API v5 over a real export (audience1st, 2025 layout: 802 stories, 22 epic rows, blockers,
 * priorities, pull requests): every answer is held against what the CSV holds, counted here without the service's
 * reader, and against Tracker's recorded shapes (paging headers, envelope, error bodies).
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class TrackerApiTest {

    static final String ADMIN = "Bearer dev-admin-token-not-for-production-0000";
    static final String EXPORT = "csv/audience1st_2025_priority_blocker_pr_epic_rows.csv";
    static final long PROJECT = 4_240_001L;

    static String token;

    /** The CSV's rows by column name (first cell of a repeated column group), epics left out. */
    static List<Map<String, List<String>>> rows() throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<Map<String, List<String>>> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(Files.readString(Fixtures.root().resolve(EXPORT)))) {
            String[] header = it.next();
            while (it.hasNext()) {
                String[] cells = it.next();
                Map<String, List<String>> row = new HashMap<>();
                for (int i = 0; i < Math.min(cells.length, header.length); i++) {
                    row.computeIfAbsent(header[i].strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(cells[i]);
                }
                if (!row.get("type").get(0).equals("epic")) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    static synchronized String token() throws IOException {
        if (token == null) {
            given().header("Authorization", ADMIN).multiPart("file", "audience1st.csv", Files.readAllBytes(Fixtures.root().resolve(EXPORT)), "text/csv")
                    .multiPart("project_name", "Audience1st").multiPart("project_id", String.valueOf(PROJECT))
                    .post("/api/archives").then().statusCode(201);
            token = given().header("Authorization", ADMIN).contentType("application/json").body("{\"label\":\"api test\"}")
                    .post("/api/tokens").then().statusCode(201).extract().path("token");
        }
        return token;
    }

    static Response get(String path) throws IOException {
        return given().header("X-TrackerToken", token()).get("/services/v5" + path);
    }

    @Test
    void withoutAValidTokenEveryPathIsTrackersFourOhOne() throws IOException {
        token();
        for (String path : List.of("/me", "/projects", "/projects/" + PROJECT + "/stories", "/no/such/path")) {
            JsonPath none = given().get("/services/v5" + path).then().statusCode(401).contentType("application/json").extract().jsonPath();
            assertThat(none.getString("code")).isEqualTo("invalid_authentication");
            given().header("X-TrackerToken", "0123456789abcdef0123456789abcdef01234567").get("/services/v5" + path).then().statusCode(401);
        }
    }

    @Test
    void writesAreRefusedAsTrackerRefusedThemAndUnknownPathsAreItsFourOhFour() throws IOException {
        JsonPath refused = given().header("X-TrackerToken", token()).contentType("application/json").body("{\"name\":\"x\"}")
                .post("/services/v5/projects/" + PROJECT + "/stories").then().statusCode(403).extract().jsonPath();
        assertThat(refused.getString("code")).isEqualTo("unauthorized_operation");
        assertThat(refused.getString("general_problem")).contains("reads only");
        given().header("X-TrackerToken", token()).delete("/services/v5/stories/5329573").then().statusCode(403);
        assertThat(get("/projects/" + PROJECT + "/nothing_here").then().statusCode(404).extract().jsonPath().getString("code"))
                .isEqualTo("unfound_resource");
        assertThat(get("/projects/999999999").then().statusCode(404).extract().jsonPath().getString("kind")).isEqualTo("error");
        assertThat(get("/stories/abc").then().statusCode(404).extract().jsonPath().getString("code")).isEqualTo("unfound_resource");
    }

    @Test
    void meListsEveryArchivedProjectAndProjectsAnswerWithLabelsMembershipsAndEpicsOnRequest() throws IOException {
        JsonPath me = get("/me").then().statusCode(200).extract().jsonPath();
        assertThat(me.getString("kind")).isEqualTo("me");
        assertThat(me.getList("projects.project_id", Long.class)).contains(PROJECT);
        assertThat(me.getString("api_token")).as("the token is never shown back").isNull();

        Response project = get("/projects/" + PROJECT + "?fields=:default,labels,memberships,epics");
        JsonPath p = project.then().statusCode(200).extract().jsonPath();
        assertThat(p.getString("name")).isEqualTo("Audience1st");
        assertThat(project.header("X-Tracker-Project-Version")).isEqualTo(p.getString("version"));
        assertThat(p.getList("epics")).hasSize(22);
        Set<String> labels = new HashSet<>();
        Set<String> people = new HashSet<>();
        for (Map<String, List<String>> row : rows()) {
            for (String l : row.get("labels").get(0).split(",")) {
                if (!l.isBlank()) {
                    labels.add(l.strip().toLowerCase(Locale.ROOT));
                }
            }
            row.getOrDefault("owned by", List.of()).stream().filter(o -> !o.isBlank()).forEach(o -> people.add(o.strip()));
            if (!row.get("requested by").get(0).isBlank()) {
                people.add(row.get("requested by").get(0).strip());
            }
        }
        assertThat(p.getList("labels.name", String.class).stream().map(l -> l.toLowerCase(Locale.ROOT)).toList()).containsAll(labels);
        assertThat(p.getList("memberships.person.name", String.class)).containsAll(people);
        assertThat(get("/projects/" + PROJECT + "/labels").then().statusCode(200).extract().header("X-Tracker-Pagination-Total"))
                .as("a list Tracker did not page has no paging headers (recorded: the gem's labels cassette)").isNull();
        assertThat(get("/projects?fields=name").then().statusCode(200).extract().jsonPath().getList("name", String.class)).contains("Audience1st");
    }

    @Test
    void storiesPageWithTrackersHeadersAndEnvelopeAndCountAsTheCsv() throws IOException {
        List<Map<String, List<String>>> rows = rows();
        Response first = get("/projects/" + PROJECT + "/stories?limit=300");
        first.then().statusCode(200);
        assertThat(first.header("X-Tracker-Pagination-Total")).isEqualTo(String.valueOf(rows.size()));
        assertThat(first.header("X-Tracker-Pagination-Limit")).isEqualTo("300");
        assertThat(first.header("X-Tracker-Pagination-Returned")).isEqualTo("300");
        Set<Long> ids = new HashSet<>(first.jsonPath().getList("id", Long.class));
        for (int offset = 300; offset < rows.size(); offset += 300) {
            ids.addAll(get("/projects/" + PROJECT + "/stories?limit=300&offset=" + offset).jsonPath().getList("id", Long.class));
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(rows.stream().map(r -> Long.parseLong(r.get("id").get(0))).toList());

        JsonPath envelope = get("/projects/" + PROJECT + "/stories?limit=5&offset=10&envelope=true").then().statusCode(200).extract().jsonPath();
        assertThat(envelope.getString("http_status")).isEqualTo("200");
        assertThat(envelope.getInt("pagination.total")).isEqualTo(rows.size());
        assertThat(envelope.getInt("pagination.offset")).isEqualTo(10);
        assertThat(envelope.getList("data")).hasSize(5);

        assertThat(get("/projects/" + PROJECT + "/stories?limit=-1").then().statusCode(400).extract().jsonPath().getString("code"))
                .isEqualTo("invalid_parameter");
    }

    @Test
    void filtersAnswerWhatTheCsvHolds() throws IOException {
        List<Map<String, List<String>>> rows = rows();
        long accepted = rows.stream().filter(r -> r.get("current state").get(0).equals("accepted")).count();
        long bugs = rows.stream().filter(r -> r.get("type").get(0).equals("bug")).count();
        long bugsNotAccepted = rows.stream().filter(r -> r.get("type").get(0).equals("bug") && !r.get("current state").get(0).equals("accepted")).count();
        String label = rows.stream().map(r -> r.get("labels").get(0).split(",")[0].strip()).filter(l -> !l.isEmpty()).findFirst().orElseThrow();
        long labelled = rows.stream().filter(r -> List.of(r.get("labels").get(0).split(",")).stream().map(String::strip)
                .anyMatch(label::equalsIgnoreCase)).count();

        assertThat(total("/stories?with_state=accepted")).isEqualTo(accepted);
        assertThat(total("/stories?filter=state:accepted")).isEqualTo(accepted);
        assertThat(total("/stories?with_story_type=bug")).isEqualTo(bugs);
        assertThat(total("/stories?filter=type:bug")).as("a search leaves accepted stories out").isEqualTo(bugsNotAccepted);
        assertThat(total("/stories?filter=type:bug includedone:true")).isEqualTo(bugs);
        assertThat(total("/stories?with_label=" + label)).isEqualTo(labelled);
        String firstId = rows.get(0).get("id").get(0);
        String secondId = rows.get(1).get("id").get(0);
        assertThat(get("/projects/" + PROJECT + "/stories?filter=id:" + firstId + "," + secondId + " includedone:true").jsonPath()
                .getList("id", String.class)).containsExactlyInAnyOrder(firstId, secondId);

        JsonPath mixed = get("/projects/" + PROJECT + "/stories?filter=type:bug&with_state=started").then().statusCode(400).extract().jsonPath();
        assertThat(mixed.getString("general_problem")).contains("filter cannot be used together with with_state");
        assertThat(get("/projects/" + PROJECT + "/stories?with_state=nonsense").then().statusCode(400).extract().jsonPath().getString("general_problem"))
                .contains("with_state 'nonsense'");
    }

    static long filled(Map<String, List<String>> row, String column) {
        return row.getOrDefault(column, List.of()).stream().filter(c -> !c.isBlank()).count();
    }

    private long total(String query) throws IOException {
        return Long.parseLong(get("/projects/" + PROJECT + query).then().statusCode(200).extract().header("X-Tracker-Pagination-Total"));
    }

    @Test
    void aStoryWithItsCommentsTasksBlockersAndPeopleAsTheCsvHasThem() throws IOException {
        // the row with the most comments and tasks, and one with a blocker (no row of this export has both)
        Map<String, List<String>> row = rows().stream().max(java.util.Comparator.comparingLong(r -> filled(r, "comment") + filled(r, "task")))
                .orElseThrow();
        Map<String, List<String>> blocked = rows().stream().filter(r -> filled(r, "blocker") > 0).findFirst().orElseThrow();
        String id = row.get("id").get(0);
        JsonPath story = get("/stories/" + id + "?fields=:default,owners,requested_by,comments,tasks").then().statusCode(200).extract().jsonPath();
        assertThat(story.getString("name")).isEqualTo(row.get("title").get(0));
        assertThat(story.getString("current_state")).isEqualTo(row.get("current state").get(0));
        assertThat(story.getLong("project_id")).isEqualTo(PROJECT);
        assertThat(story.getString("requested_by.name")).isEqualTo(row.get("requested by").get(0).strip());
        assertThat(story.getList("owners.name", String.class))
                .containsExactlyInAnyOrderElementsOf(row.get("owned by").stream().filter(o -> !o.isBlank()).map(String::strip).toList());
        long comments = filled(row, "comment");
        long tasks = filled(row, "task");
        assertThat(comments + tasks).isPositive();
        assertThat(story.getList("comments")).hasSize((int) comments);
        assertThat(story.getList("tasks")).hasSize((int) tasks);

        String base = "/projects/" + PROJECT + "/stories/" + id;
        List<Long> commentIds = get(base + "/comments").then().statusCode(200).extract().jsonPath().getList("id", Long.class);
        assertThat(commentIds).hasSize((int) comments).doesNotHaveDuplicates();
        assertThat(get(base + "/comments").jsonPath().getList("id", Long.class)).as("ids stay the same between reads").isEqualTo(commentIds);
        assertThat(get("/projects/" + PROJECT + "/stories/" + blocked.get("id").get(0) + "/blockers").jsonPath().getList("description", String.class))
                .containsExactlyElementsOf(blocked.get("blocker").stream().filter(b -> !b.isBlank()).toList());
        assertThat(get(base + "/tasks").jsonPath().getList("position", Integer.class)).hasSize((int) tasks);
        assertThat(get("/projects/1/stories/" + id).then().statusCode(404).extract().jsonPath().getString("code")).isEqualTo("unfound_resource");
        assertThat(get("/stories/" + id + "?date_format=millis").jsonPath().getLong("updated_at")).isPositive();
    }

    @Test
    void theActivityFeedHoldsEveryStoryAndEpicOnceInContiguousVersions() throws IOException {
        List<Map<String, List<String>>> rows = rows();
        Response first = get("/projects/" + PROJECT + "/activity?since_version=0&limit=500");
        long version = Long.parseLong(first.header("X-Tracker-Project-Version"));
        int total = Integer.parseInt(first.header("X-Tracker-Pagination-Total"));
        List<Long> versions = new ArrayList<>(first.jsonPath().getList("project_version", Long.class));
        versions.addAll(get("/projects/" + PROJECT + "/activity?since_version=0&limit=500&offset=500").jsonPath().getList("project_version", Long.class));
        assertThat(total).isEqualTo(rows.size() + 22).isEqualTo(versions.size());
        assertThat(versions).as("newest first, contiguous").isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(versions.get(0)).isEqualTo(version);
        assertThat(versions.get(0) - versions.get(versions.size() - 1) + 1).isEqualTo(versions.size());
        JsonPath newest = get("/projects/" + PROJECT + "/activity?since_version=" + (version - 1)).jsonPath();
        assertThat(newest.getList("$")).hasSize(1);
        assertThat(newest.getString("[0].guid")).isEqualTo(PROJECT + "_" + version);
        assertThat(newest.getLong("[0].project.id")).isEqualTo(PROJECT);
        // created here, or moved here from where ImportTest put the same export
        assertThat(newest.getString("[0].kind")).isIn("story_create_activity", "story_move_into_project_activity", "epic_create_activity");
        assertThat(get("/projects/" + PROJECT + "/activity?since_version=" + version).jsonPath().getList("$")).isEmpty();
    }

    @Test
    void iterationsAsTheExportNumberedThem() throws IOException {
        List<Map<String, List<String>>> rows = rows();
        Set<String> numbers = new HashSet<>();
        rows.stream().map(r -> r.get("iteration").get(0)).filter(n -> !n.isBlank()).forEach(numbers::add);
        JsonPath all = get("/projects/" + PROJECT + "/iterations?limit=500").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("number", String.class)).containsExactlyInAnyOrderElementsOf(numbers);
        Response done = get("/projects/" + PROJECT + "/iterations?scope=done&offset=-3");
        assertThat(done.jsonPath().getList("$")).hasSize(3);
        JsonPath current = get("/projects/" + PROJECT + "/iterations?scope=current").jsonPath();
        assertThat(current.getList("$")).hasSize(1);
        assertThat(current.getList("[0].stories.current_state", String.class)).isNotEmpty();
    }


    /** Three rows of a real export under ids of their own, so that moving them disturbs no other test. */
    static String threeStories(String firstTitle) {
        return "Id,Title,Labels,Iteration,Iteration Start,Iteration End,Type,Estimate,Current State,Created at,Accepted at,Deadline,Requested By,Description,URL,Owned By\n"
                + "990000001," + firstTitle + ",\"\",1,\"Jun 23, 2014\",\"Jun 29, 2014\",feature,1,unstarted,\"Jun 29, 2014\",,,Hunter Gillane,A,,\n"
                + "990000002,User can see fish,\"fish\",1,\"Jun 23, 2014\",\"Jun 29, 2014\",feature,2,started,\"Jun 29, 2014\",,,Hunter Gillane,B,,Hunter Gillane\n"
                + "990000003,Release 1,\"\",,,,release,,unstarted,\"Jun 29, 2014\",,\"Jul 4, 2014\",Hunter Gillane,,,\n";
    }

    static void importInto(long projectId, String name, String csv) {
        given().header("Authorization", ADMIN).multiPart("file", "moves.csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv")
                .multiPart("project_name", name).multiPart("project_id", String.valueOf(projectId)).post("/api/archives").then().statusCode(201);
    }

    static List<String> kinds(long projectId, long since) throws IOException {
        JsonPath feed = get("/projects/" + projectId + "/activity?since_version=" + since).then().statusCode(200).extract().jsonPath();
        return feed.getList("kind", String.class);
    }

    @Test
    void aNewerExportChangesTheFeedAndAStoryInAnotherProjectsExportMovesThere() throws IOException {
        long a = 4_240_002L;
        long b = 4_240_003L;
        importInto(a, "Moves A", threeStories("User can get to homepage"));
        long v1 = Long.parseLong(get("/projects/" + a).header("X-Tracker-Project-Version"));
        assertThat(kinds(a, 0)).containsExactly("story_create_activity", "story_create_activity", "story_create_activity");

        importInto(a, "Moves A", threeStories("User can get to homepage"));
        assertThat(kinds(a, v1)).as("the same export again changes nothing").isEmpty();

        importInto(a, "Moves A", threeStories("User can reach the homepage"));
        JsonPath update = get("/projects/" + a + "/activity?since_version=" + v1).jsonPath();
        assertThat(update.getList("kind", String.class)).containsExactly("story_update_activity");
        assertThat(update.getString("[0].changes[0].new_values.name")).isEqualTo("User can reach the homepage");
        assertThat(update.getLong("[0].project_version")).isEqualTo(v1 + 1);

        importInto(b, "Moves B", threeStories("User can reach the homepage"));
        assertThat(kinds(a, v1 + 1)).as("the project the stories left says so, as Tracker's feed did")
                .containsExactly("story_move_from_project_activity", "story_move_from_project_activity", "story_move_from_project_activity");
        assertThat(get("/projects/" + a + "/activity?since_version=" + (v1 + 1)).jsonPath().getString("[0].changes[0].change_type")).isEqualTo("delete");
        assertThat(kinds(b, 0)).containsOnly("story_move_into_project_activity");
        assertThat(get("/stories/990000001").jsonPath().getLong("project_id")).isEqualTo(b);
        assertThat(get("/projects/" + a + "/stories").header("X-Tracker-Pagination-Total")).isEqualTo("0");
        JsonPath releases = get("/projects/" + b + "/releases").jsonPath();
        assertThat(releases.getList("kind", String.class)).containsExactly("release");
        assertThat(releases.getString("[0].deadline")).startsWith("2014-07-04");
    }

    @Test
    void oddParametersAreTrackersFourHundredsNeverAFiveHundred() throws IOException {
        String p = "/projects/" + PROJECT;
        List<String> paths = List.of("/projects/99999999999999999999", "/projects/-1", "/stories/0", p + "/stories?limit=abc",
                p + "/stories?offset=99999999999", p + "/stories?offset=2147483647", p + "/stories?filter=state:",
                p + "/stories?filter=\"", p + "/stories?filter=id:abc", p + "/stories?filter=label:%00", p + "/stories?fields=(((",
                p + "/stories?fields=owners(name),tasks)", p + "/stories?updated_after=garbage", p + "/stories?updated_after=99999999999999999",
                p + "/stories?with_label=' OR 1=1 --", p + "/activity?since_version=abc", p + "/activity?since_version=-5",
                p + "/activity?occurred_after=2017-13-45T00:00:00Z", p + "/iterations?scope=all", p + "/iterations?scope=done&offset=-99999",
                p + "/epics/abc", p + "/stories/1/comments", p + "?fields=epics(label(name)),labels(",
                p + "/stories?limit=500&date_format=millis&envelope=true");
        for (String path : paths) {
            Response answer = get(path);
            assertThat(answer.statusCode()).as(path).isLessThan(500);
            if (answer.statusCode() >= 400) {
                assertThat(answer.jsonPath().getString("kind")).as(path).isEqualTo("error");
            }
        }
    }
}
