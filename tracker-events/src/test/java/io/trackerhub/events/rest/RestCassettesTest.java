package io.trackerhub.events.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.activity.Person;
import io.trackerhub.testkit.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.trackerhub.events.JsonTrees.assertEquivalent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every response body recorded from the real REST API v5 reads into the model of its URL and
 * writes back out as the same JSON.
 */
class RestCassettesTest {

    /** Which model a URL path (after /services/v5, without query) returns; the first match wins. */
    private static final Map<Pattern, Class<?>> ROUTES = new LinkedHashMap<>();

    static {
        ROUTES.put(Pattern.compile("/projects/\\d+/activity|/projects/\\d+/stories/\\d+/activity|/my/activity"), Activity.class);
        ROUTES.put(Pattern.compile("/projects/\\d+/search"), SearchResults.class);
        ROUTES.put(Pattern.compile("/projects/\\d+/stories/\\d+/transitions"), StoryTransition.class);
        ROUTES.put(Pattern.compile("/projects/\\d+/stories/\\d+/tasks(/\\d+)?"), Task.class);
        ROUTES.put(Pattern.compile("/projects/\\d+/(stories|epics)/\\d+/comments(/\\d+)?"), Comment.class);
        ROUTES.put(Pattern.compile("/projects/\\d+/stories/\\d+/owners"), Person.class);
        ROUTES.put(Pattern.compile("(/projects/\\d+)?/stories(/\\d+)?"), Story.class);
        ROUTES.put(Pattern.compile("(/projects/\\d*)?/epics(/\\d+)?"), Epic.class);
        ROUTES.put(Pattern.compile("/projects/\\d+/labels(/\\d+)?"), Label.class);
        ROUTES.put(Pattern.compile("/projects/\\d+/iterations"), Iteration.class);
        ROUTES.put(Pattern.compile("/projects/\\d+/releases"), Release.class);
        ROUTES.put(Pattern.compile("/projects/\\d+/memberships(/\\d+)?"), ProjectMembership.class);
        ROUTES.put(Pattern.compile("/projects(/\\d+)?"), Project.class);
        ROUTES.put(Pattern.compile("/me"), Me.class);
        ROUTES.put(Pattern.compile("/my/notifications"), Notification.class);
    }

    private static final Set<Class<?>> READ = new HashSet<>();
    private static int paginated;

    /** One recorded HTTP exchange. */
    record Exchange(String method, String uri, int status, String body, JsonNode headers) {

        String path() {
            return URI.create(uri).getPath().replaceFirst("^/services/v5", "");
        }

        Optional<String> header(String name) {
            JsonNode values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0).asText());
        }
    }

    static Stream<Named<Exchange>> exchanges() {
        List<Named<Exchange>> all = new ArrayList<>();
        for (Path cassette : Fixtures.list("rest-v5", ".json")) {
            JsonNode interactions = TrackerJson.readTree(Fixtures.read(Fixtures.root().relativize(cassette).toString())).get("http_interactions");
            for (JsonNode interaction : interactions) {
                JsonNode response = interaction.get("response");
                Exchange exchange = new Exchange(interaction.get("request").get("method").asText(),
                        interaction.get("request").get("uri").asText(), response.get("status").get("code").asInt(),
                        response.get("body").get("string").asText(), response.get("headers"));
                if (!exchange.body().isEmpty()) {
                    all.add(Named.of(cassette.getFileName() + " " + exchange.method().toUpperCase() + " " + exchange.path()
                            + " " + exchange.status(), exchange));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("exchanges")
    void everyRecordedResponseReadsIntoItsModelAndWritesBackTheSameJson(Exchange exchange) {
        byte[] body = exchange.body().getBytes(StandardCharsets.UTF_8);
        JsonNode original = TrackerJson.readTree(body);

        if (exchange.status() >= 400) {
            TrackerError error = TrackerError.parse(body);
            assertThat(error.code()).isNotBlank();
            assertEquivalent(TrackerJson.toTree(error), original);
            READ.add(TrackerError.class);
            return;
        }
        Class<?> model = ROUTES.entrySet().stream().filter(route -> route.getKey().matcher(exchange.path()).matches())
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no model for " + exchange.method() + " " + exchange.path()));
        READ.add(model);

        List<?> items = readAll(model, body, original);

        List<JsonNode> written = items.stream().map(item -> (JsonNode) TrackerJson.toTree(item)).toList();
        List<JsonNode> received = new ArrayList<>();
        (original.isArray() ? original : TrackerJson.mapper().createArrayNode().add(original)).forEach(received::add);
        assertThat(written).hasSameSizeAs(received);
        for (int i = 0; i < written.size(); i++) {
            assertEquivalent(written.get(i), received.get(i));
        }
        items.forEach(RestCassettesTest::assertNamedFieldsAreBound);
    }

    /** A named field that landed in {@code others} would still round-trip; make sure the record really read it. */
    private static void assertNamedFieldsAreBound(Object item) {
        @SuppressWarnings("unchecked")
        Map<String, Object> others = (Map<String, Object>) invoke(item, "others");
        for (RecordComponent component : item.getClass().getRecordComponents()) {
            String wireName = component.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
            assertThat(others).as("%s.%s", item.getClass().getSimpleName(), component.getName()).doesNotContainKey(wireName);
            Object value = invoke(item, component.getName());
            if (value instanceof Record nested) {
                assertNamedFieldsAreBound(nested);
            } else if (value instanceof List<?> list) {
                list.stream().filter(Record.class::isInstance).forEach(RestCassettesTest::assertNamedFieldsAreBound);
            }
        }
    }

    private static Object invoke(Object item, String accessor) {
        try {
            return item.getClass().getMethod(accessor).invoke(item);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static List<?> readAll(Class<?> model, byte[] body, JsonNode original) {
        if (model == Activity.class) {
            return Activities.parseJsonList(body);
        }
        return original.isArray() ? TrackerJson.readList(body, model) : List.of(TrackerJson.read(body, model));
    }

    @ParameterizedTest
    @MethodSource("exchanges")
    void paginationHeadersDescribeThePageReturned(Exchange exchange) {
        Optional<Pagination> page = Pagination.from(name -> exchange.header(name).orElse(null));

        page.ifPresent(p -> {
            paginated++;
            assertThat(p.returned()).isEqualTo(TrackerJson.readTree(exchange.body()).size());
            assertThat(p.limit()).isPositive();
        });
    }

    @Test
    void aStoryPageCarriesTheFieldsTheHubUses() {
        List<Story> stories = TrackerJson.readList(body("rest-v5/cassettes/get_unscheduled_stories.json", 0), Story.class);

        assertThat(stories).isNotEmpty().allSatisfy(story -> {
            assertThat(story.id()).isPositive();
            assertThat(story.projectId()).isEqualTo(1027488L);
            assertThat(story.currentState()).isEqualTo("unscheduled");
            assertThat(story.url()).isEqualTo("https://www.pivotaltracker.com/story/show/" + story.id());
            assertThat(story.updatedAt()).isNotNull();
        });
    }

    @Test
    void meKeepsItsTokenOutOfToString() {
        Me me = TrackerJson.read(body("rest-v5/cassettes/get_me.json", 0), Me.class);

        assertThat(me.projects()).extracting(MembershipSummary::projectId).containsExactly(1027488L);
        assertThat(me.apiToken()).isEqualTo("REDACTED");
        assertThat(me.toString()).doesNotContain("REDACTED").contains("***");
    }

    @Test
    void notificationNamesProjectStoryAndPerformer() {
        Notification notification = TrackerJson.readList(body("rest-v5/cassettes/get_all_notifications.json", 0), Notification.class).get(0);

        assertThat(notification.project().id()).isEqualTo(1027488L);
        assertThat(notification.story().id()).isEqualTo(66728014L);
        assertThat(notification.performer().name()).isEqualTo("Tracker API User2");
        assertThat(notification.notificationType()).isEqualTo("comment_with_mention");
    }

    @Test
    void projectCarriesItsVersionAndTimeZone() {
        Project project = TrackerJson.read(body("rest-v5/cassettes/get_project.json", 0), Project.class);

        assertThat(project.version()).isPositive();
        assertThat(project.timeZone().olsonName()).isEqualTo("America/Los_Angeles");
        assertThat(project.publicProject()).isFalse();
    }

    @AfterAll
    static void everyModelTheHubReadsWasExercised() {
        assertThat(READ).contains(Activity.class, Story.class, Project.class, Epic.class, Label.class, Comment.class,
                Iteration.class, Notification.class, Me.class, Person.class, Task.class, Release.class, StoryTransition.class,
                TrackerError.class);
        assertThat(paginated).as("responses with pagination headers").isGreaterThan(10);
    }

    @Test
    void aSearchsCountsNeedNotAgreeWithWhatItReturned() {
        SearchResults found = TrackerJson.read(body("rest-v5/search/tracker_api_search_project_2017.json", 1), SearchResults.class);

        assertThat(found.epics().epics()).hasSize(1);
        assertThat(found.epics().totalHits()).isEqualTo(1);
        assertThat(found.epics().totalHitsWithDone()).isZero();
        assertThat(found.stories().totalHits()).isEqualTo(found.stories().stories().size());
    }

    private static byte[] body(String cassette, int interaction) {
        return TrackerJson.readTree(Fixtures.read(cassette)).get("http_interactions").get(interaction)
                .get("response").get("body").get("string").asText().getBytes(StandardCharsets.UTF_8);
    }
}
