package io.trackerhub.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every recorded request of the recorded world (fixtures/tracker/rest-v5/cassettes and cassettes-2016), replayed
 * against the simulator seeded with it: same status, same headers that matter, a body of the same shape (field names
 * and JSON types). Fields Tracker sent that the simulator does not are listed in the output and in
 * target/replay-missing-fields.txt.
 */
@QuarkusTest
class ReplayTest {

    private static final String BASE = "https://www.pivotaltracker.com/services/v5";
    private static final java.util.TreeMap<String, String> MISSING = new java.util.TreeMap<>();

    @TestHTTPResource("/")
    URL root;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyRecordedRequestGetsAnAnswerOfTheSameShape() throws Exception {
        List<String> problems = new ArrayList<>();
        int replayed = 0;
        for (Path cassette : recordedWorldCassettes()) {
            String token = (String) Sim.seedRecorded().get("api_token");
            Map<String, String> ids = new HashMap<>();
            for (JsonNode interaction : TrackerJson.mapper().readTree(cassette.toFile()).path("http_interactions")) {
                replayed++;
                problems.addAll(replay(cassette.getFileName().toString(), interaction, token, ids));
            }
        }
        System.out.println("Replayed " + replayed + " recorded requests; fields Tracker sent that the simulator does not:");
        MISSING.forEach((field, where) -> System.out.println("  " + field + "   (first in " + where + ")"));
        Files.writeString(Path.of("target", "replay-missing-fields.txt"), String.join("\n", MISSING.keySet()) + "\n");
        assertThat(replayed).isGreaterThan(90);
        assertThat(problems).as("differences from the recordings").isEmpty();
    }

    /** The cassettes of project 1027488, the recorded world (rest-v5/search holds other projects and the unimplemented /search). */
    private static List<Path> recordedWorldCassettes() {
        List<Path> cassettes = new ArrayList<>(Fixtures.list("rest-v5/cassettes-2016", ".json"));
        cassettes.addAll(Fixtures.list("rest-v5/cassettes", ".json"));
        return cassettes;
    }

    private List<String> replay(String file, JsonNode interaction, String token, Map<String, String> ids) throws Exception {
        JsonNode request = interaction.path("request");
        JsonNode recorded = interaction.path("response");
        String method = request.path("method").asText().toUpperCase();
        String path = request.path("uri").asText().substring(BASE.length());
        for (Map.Entry<String, String> id : ids.entrySet()) {
            path = path.replace("/" + id.getKey(), "/" + id.getValue());
        }
        String body = request.path("body").path("string").asText("");
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(root.toString().replaceAll("/$", "") + "/services/v5" + path))
                .header("X-TrackerToken", token).header("Content-Type", "application/json");
        call.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer = http.send(call.build(), HttpResponse.BodyHandlers.ofString());
        String where = file + " " + method + " " + path;
        List<String> problems = new ArrayList<>();
        int status = recorded.path("status").path("code").asInt();
        if (answer.statusCode() != status) {
            problems.add(where + ": status " + answer.statusCode() + ", recorded " + status + ": " + answer.body());
            return problems;
        }
        JsonNode headers = recorded.path("headers");
        for (String header : List.of("X-Tracker-Project-Version", "X-Tracker-Pagination-Total", "X-Tracker-Pagination-Limit",
                "X-Tracker-Pagination-Offset", "X-Tracker-Pagination-Returned")) {
            boolean wasThere = headers.has(header);
            boolean isThere = answer.headers().firstValue(header).isPresent();
            if (wasThere != isThere) {
                problems.add(where + ": header " + header + (wasThere ? " missing" : " not recorded but sent"));
            }
        }
        for (String header : List.of("X-Tracker-Pagination-Limit", "X-Tracker-Pagination-Offset")) {
            if (headers.has(header) && !headers.get(header).get(0).asText().equals(answer.headers().firstValue(header).orElse(""))) {
                problems.add(where + ": " + header + " " + answer.headers().firstValue(header).orElse("") + ", recorded " + headers.get(header).get(0).asText());
            }
        }
        String recordedBody = recorded.path("body").path("string").asText("");
        if (recordedBody.isEmpty()) {
            return problems;
        }
        if (!answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            problems.add(where + ": content type " + answer.headers().firstValue("Content-Type").orElse("none"));
        }
        JsonNode expected = TrackerJson.readTree(recordedBody);
        JsonNode actual = TrackerJson.readTree(answer.body());
        if (method.equals("POST") && expected.has("id") && actual.has("id")) {
            ids.put(expected.get("id").asText(), actual.get("id").asText());
        }
        compare(where, "", expected, actual, problems);
        return problems;
    }

    /** Same JSON types where both have a field; fields only Tracker sent are collected, not failed. */
    private static void compare(String where, String path, JsonNode expected, JsonNode actual, List<String> problems) {
        if (expected.isNull() || actual.isNull()) {
            return;
        }
        if (!type(expected).equals(type(actual))) {
            problems.add(where + ": " + (path.isEmpty() ? "body" : path) + " is " + type(actual) + ", recorded " + type(expected));
            return;
        }
        if (expected.isArray()) {
            if (expected.isEmpty() || actual.isEmpty()) {
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(where, path + "[]", expected.get(i), counterpart(expected.get(i), actual, i), problems);
            }
        } else if (expected.isObject()) {
            Iterator<String> names = expected.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (actual.has(name)) {
                    compare(where, path + "." + name, expected.get(name), actual.get(name), problems);
                } else if (!optional(path, name) && !path.contains("_values")) {
                    MISSING.putIfAbsent(kindOf(expected) + (path.isEmpty() ? "" : " " + path) + "." + name, where);
                }
            }
        }
    }

    /** The answer's item for a recorded one: same guid, else same id, else same kind (recordings of other dates), else same place. */
    private static JsonNode counterpart(JsonNode recorded, JsonNode items, int index) {
        for (String key : List.of("guid", "id", "number")) {
            if (recorded.has(key)) {
                for (JsonNode item : items) {
                    if (recorded.get(key).equals(item.get(key))) {
                        return item;
                    }
                }
            }
        }
        if (recorded.has("kind")) {
            for (JsonNode item : items) {
                if (recorded.get("kind").equals(item.get("kind"))) {
                    return item;
                }
            }
        }
        return items.get(Math.min(index, items.size() - 1));
    }

    /** Fields whose absence says something about one story's data, not about the simulator (null fields are omitted). */
    private static boolean optional(String path, String name) {
        return List.of("estimate", "accepted_at", "deadline", "description", "owned_by", "owned_by_id", "before_id", "after_id",
                "original_values", "new_values").contains(name);
    }

    private static String kindOf(JsonNode node) {
        return node.path("kind").asText("?");
    }

    private static String type(JsonNode node) {
        return node.isNumber() ? "number" : node.getNodeType().name().toLowerCase();
    }

}
