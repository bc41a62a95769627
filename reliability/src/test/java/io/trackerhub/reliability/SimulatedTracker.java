package io.trackerhub.reliability;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tracker-simulator as a test drives it: a seeded world (its token registered as a secret), the activity
 * generator, faults, and what Tracker holds now (every story, every activity guid, each project's version).
 */
final class SimulatedTracker {

    final ServiceProcess process;
    final String token;
    final List<Long> projectIds;
    private final Stack stack = Stack.get();

    private SimulatedTracker(ServiceProcess process, String token, List<Long> projectIds) {
        this.process = process;
        this.token = token;
        this.projectIds = projectIds;
    }

    /** Starts the simulator instance {@code name} and seeds {@code projects} × {@code storiesPerProject} stories. */
    static SimulatedTracker seeded(String name, int projects, int storiesPerProject) {
        Stack stack = Stack.get();
        ServiceProcess process = stack.service(App.SIMULATOR, name).startReady();
        SimulatedTracker control = new SimulatedTracker(process, null, List.of());
        JsonNode world = control.control("POST", "/_sim/seed",
                "{\"seed\": 11, \"projects\": " + projects + ", \"stories_per_project\": " + storiesPerProject + "}", 201);
        List<Long> ids = new ArrayList<>();
        world.path("project_ids").forEach(id -> ids.add(id.asLong()));
        return new SimulatedTracker(process, stack.secret(world.path("api_token").asText()), List.copyOf(ids));
    }

    String apiUrl() {
        return process.url() + "/services/v5";
    }

    void generate(double ratePerSecond, int seconds) {
        control("POST", "/_sim/generator", "{\"rate_per_s\": " + ratePerSecond + ", \"duration_s\": " + seconds + "}", 200, 201, 202);
    }

    void stopGenerator() {
        control("DELETE", "/_sim/generator", null, 200, 202, 204);
    }

    /** A PUT of {@code /_sim/faults}: the whole set ({@code {}} turns every fault off). */
    void faults(String json) {
        control("PUT", "/_sim/faults", json, 200, 204);
    }

    /** The project's version now (X-Tracker-Project-Version). */
    long version(long projectId) {
        HttpResponse<String> response = get("/projects/" + projectId);
        return Long.parseLong(response.headers().firstValue("X-Tracker-Project-Version").orElseThrow());
    }

    /** Every story of the project now, by id: a plain listing, which holds accepted stories too (a search would not). */
    Map<Long, JsonNode> stories(long projectId) {
        Map<Long, JsonNode> stories = new LinkedHashMap<>();
        for (JsonNode story : pages("/projects/" + projectId + "/stories")) {
            stories.put(story.path("id").asLong(), story);
        }
        return stories;
    }

    /** The guid of every activity in the project's feed, oldest first: the feed is newest first, so sorted here by version. */
    List<String> activityGuids(long projectId) {
        Map<Long, String> byVersion = new TreeMap<>();
        for (JsonNode activity : pages("/projects/" + projectId + "/activity?since_version=0")) {
            byVersion.put(activity.path("project_version").asLong(), activity.path("guid").asText());
        }
        return new ArrayList<>(byVersion.values());
    }

    /** Every item of a paged list, page after page until one comes back shorter than the limit the server granted. */
    private List<JsonNode> pages(String path) {
        List<JsonNode> all = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        for (int offset = 0; ; ) {
            HttpResponse<String> response = get(path + separator + "limit=500&offset=" + offset);
            JsonNode page = Stack.read(response.body());
            page.forEach(all::add);
            int limit = Integer.parseInt(response.headers().firstValue("X-Tracker-Pagination-Limit").orElse("500"));
            if (page.isEmpty() || page.size() < limit) {
                return all;
            }
            offset += page.size();
        }
    }

    private HttpResponse<String> get(String path) {
        try {
            HttpResponse<String> response = Stack.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(apiUrl() + path))
                    .header("X-TrackerToken", token).timeout(java.time.Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode control(String method, String path, String json, int... expected) {
        HttpResponse<String> response = stack.call(method, process.url() + path, stack.simulatorAdminToken, json);
        for (int status : expected) {
            if (response.statusCode() == status) {
                return Stack.read(response.body());
            }
        }
        throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
}
