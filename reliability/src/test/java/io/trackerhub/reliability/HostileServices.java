package io.trackerhub.reliability;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hub as the hostile-input tests (FuzzTest, InjectionAccessTest) attack it: one instance of every service
 * ("fuzz-…"), a simulator world the poller imports, and a known row of each kind (an integration, a channel, a
 * connector, two timesheet users with a token each and an entry) so that operations on {id} reach past "not found".
 * The second test reuses the instances the first one started (same names); each starts them when run alone.
 */
final class HostileServices {

    private static HostileServices instance;

    final Stack stack = Stack.get();
    final ServiceProcess simulator;
    final ServiceProcess ingest;
    final ServiceProcess poller;
    final ServiceProcess connector;
    final ServiceProcess timesheet;
    final ServiceProcess notification;
    final Receivers receiver;
    final String simToken;
    final long simProject;
    final String trackerBase;
    final long task;
    final long integrationId;
    final long channelId;
    final long connectorId;
    final TimesheetUser alice;
    final TimesheetUser bob;

    /** A timesheet user of the tests, with a personal token ({@code tst_…}) and, once one exists, an entry of theirs. */
    record TimesheetUser(long id, String email, String password, String token, Long entryId) {
    }

    private HostileServices() {
        receiver = new Receivers(Set.of("DEMO-1"));
        simulator = stack.service(App.SIMULATOR, "fuzz-sim").start();
        ingest = stack.service(App.INGEST, "fuzz-ingest").start();
        simulator.awaitReady(Duration.ofSeconds(120));
        trackerBase = simulator.url() + "/services/v5";
        poller = stack.service(App.POLLER, "fuzz-poller", Map.of("HUB_TRACKER_BASE_URL", trackerBase,
                "HUB_INGEST_PUBLIC_URL", "http://127.0.0.1:" + ingest.port)).start();
        // consumer groups of their own from the topics' end: the fuzz's services see the fuzz's world, not the backlog of
        // earlier tests (whose stories may be archived while the timesheet still reads them)
        Map<String, String> connectorEnv = new java.util.HashMap<>(stack.groupsFromNow("fuzz-connector", ConsumerRig.Service.CONNECTOR.channels));
        connectorEnv.put("HUB_TRACKER_BASE_URL", trackerBase);
        connector = stack.service(App.CONNECTOR, "fuzz-connector", connectorEnv).start();
        timesheet = stack.service(App.TIMESHEET, "fuzz-timesheet", stack.groupsFromNow("fuzz-timesheet", ConsumerRig.Service.TIMESHEET.channels)).start();
        notification = stack.service(App.NOTIFICATION, "fuzz-notification",
                stack.groupsFromNow("fuzz-notification", ConsumerRig.Service.NOTIFICATION.channels)).start();
        for (ServiceProcess p : all()) {
            p.awaitReady(Duration.ofSeconds(180));
        }

        JsonNode world = call(simulator, "POST", "/_sim/seed", stack.simulatorAdminToken,
                "{\"seed\": 60, \"projects\": 1, \"stories_per_project\": 5}", 201);
        simToken = stack.secret(world.get("api_token").asText());
        simProject = world.get("project_ids").get(0).asLong();

        integrationId = admin(poller, "POST", "/api/integrations", "{\"name\": \"fuzz\", \"api_token\": \"" + simToken
                + "\", \"base_url\": \"" + trackerBase + "\", \"sync_interval\": \"PT1H\"}", 201).get("id").asLong();
        channelId = admin(notification, "POST", "/api/channels", "{\"type\": \"slack\", \"name\": \"#fuzz\", \"project_ids\": ["
                + simProject + "], \"publish\": [\"comments\"], \"config\": {\"url\": \"" + receiver.url("/chat") + "\"}}", 201)
                .get("id").asLong();
        String jiraPassword = stack.secret("jira-" + java.util.UUID.randomUUID());
        connectorId = admin(connector, "POST", "/api/connectors", "{\"type\": \"jira\", \"name\": \"fuzz jira\", \"tracker\": {\"api_token\": \""
                + simToken + "\", \"project_id\": " + simProject + "}, \"config\": {\"base_url\": \"" + receiver.url("/jira")
                + "\", \"username\": \"fuzz@example.com\", \"api_token\": \"" + jiraPassword + "\", \"filter_id\": 10001}}", 201)
                .get("id").asLong();

        TimesheetUser a = timesheetUser("alice");
        TimesheetUser b = timesheetUser("bob");
        task = awaitTask(a);
        alice = withEntry(a, task, "2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z");
        bob = withEntry(b, task, "2026-01-05T09:00:00Z", "2026-01-05T11:00:00Z");
    }

    static synchronized HostileServices get() {
        if (instance == null) {
            instance = new HostileServices();
        }
        return instance;
    }

    /** The services with a public HTTP API the tests attack (the simulator stands in for Tracker and is not one). */
    List<ServiceProcess> targets() {
        return List.of(ingest, poller, connector, timesheet, notification);
    }

    private List<ServiceProcess> all() {
        return List.of(simulator, ingest, poller, connector, timesheet, notification);
    }

    /** Known ids by the name of the path parameter an operation uses them in, per service. */
    Map<String, String> knownIds(ServiceProcess service) {
        Map<String, String> ids = new LinkedHashMap<>();
        if (service == poller) {
            ids.put("id", Long.toString(integrationId));
        } else if (service == notification) {
            ids.put("id", Long.toString(channelId));
        } else if (service == connector) {
            ids.put("id", Long.toString(connectorId));
            ids.put("project_id", Long.toString(simProject));
            ids.put("projectId", Long.toString(simProject));
            ids.put("dataset", "stories");
        } else if (service == timesheet) {
            ids.put("id", Long.toString(alice.entryId()));
            ids.put("userId", Long.toString(bob.id()));
            ids.put("taskId", Long.toString(task));
        }
        return ids;
    }

    /**
     * Bodies that operations accept, where the schema alone cannot say what a valid one is (free-form config,
     * times, a real token): the fuzz mutates these, so that most of its bodies are wrong in one place only.
     */
    Map<String, String> validBodies() {
        String jira = "{\"type\": \"jira\", \"name\": \"fuzz jira\", \"tracker\": {\"api_token\": \"" + simToken
                + "\", \"project_id\": " + simProject + "}, \"config\": {\"base_url\": \"" + receiver.url("/jira")
                + "\", \"username\": \"fuzz@example.com\", \"api_token\": \"jira-fuzz\", \"filter_id\": 10001}}";
        String channel = "{\"type\": \"slack\", \"name\": \"#fuzz\", \"project_ids\": [" + simProject
                + "], \"publish\": [\"new_stories\", \"comments\"], \"kinds\": [\"story_create_activity\"], \"rate_per_second\": 1,"
                + " \"config\": {\"url\": \"" + receiver.url("/chat") + "\"}}";
        String entry = "{\"task_id\": " + task + ", \"start\": \"2026-02-01T09:00:00Z\", \"end\": \"2026-02-01T09:30:00+01:00\","
                + " \"note\": \"fuzz\", \"billable\": true}";
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("fuzz-poller POST /api/integrations", "{\"name\": \"fuzz\", \"api_token\": \"" + simToken + "\", \"base_url\": \""
                + trackerBase + "\", \"project_ids\": [" + simProject + "], \"sync_interval\": \"PT1H\"}");
        bodies.put("fuzz-poller PUT /api/integrations/{id}/token", "{\"api_token\": \"" + simToken + "\"}");
        bodies.put("fuzz-connector POST /api/connectors", jira);
        bodies.put("fuzz-connector PUT /api/connectors/{id}", jira);
        bodies.put("fuzz-connector POST /api/connectors/{id}/import", "{\"external_id\": \"DEMO-1\", \"position\": \"backlog\"}");
        bodies.put("fuzz-connector POST /api/tokens", "{\"role\": \"reader\", \"label\": \"fuzz\"}");
        bodies.put("fuzz-timesheet POST /api/entries", entry);
        bodies.put("fuzz-timesheet PATCH /api/entries/{id}", entry);
        bodies.put("fuzz-timesheet POST /api/users", "{\"email\": \"someone@fuzz.test\", \"name\": \"Some One\", \"password\": \"long enough\", \"role\": \"user\"}");
        bodies.put("fuzz-timesheet POST /api/session", "{\"email\": \"" + alice.email() + "\", \"password\": \"not her password\"}");
        bodies.put("fuzz-timesheet POST /api/timer/start", "{\"task_id\": " + task + ", \"note\": \"fuzz\"}");
        bodies.put("fuzz-notification POST /api/channels", channel);
        bodies.put("fuzz-notification PUT /api/channels/{id}", channel);
        return bodies;
    }

    /** The bearer token an operation is called with: the hub admin token, or a timesheet user's for the user APIs. */
    String tokenFor(HostileApi.Operation op) {
        boolean timesheetUserApi = op.service() == timesheet && !op.path().startsWith("/api/users") && !op.path().startsWith("/admin");
        return timesheetUserApi ? alice.token() : stack.adminToken;
    }

    /** Health after the attack: each service's /q/health/ready, waiting up to {@code timeout} for all to be 200. */
    Map<String, Integer> awaitReadiness(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Integer> ready = new LinkedHashMap<>();
            for (ServiceProcess p : targets()) {
                ready.put(p.instance, p.readiness());
            }
            if (ready.values().stream().allMatch(s -> s == 200) || System.nanoTime() > deadline) {
                return ready;
            }
            ServiceProcess.sleep(500);
        }
    }

    void stop() {
        for (ServiceProcess p : all()) {
            p.terminate();
        }
        receiver.close();
        synchronized (HostileServices.class) {
            instance = null;
        }
    }

    // ------------------------------------------------------------------------------------------------ set-up

    private TimesheetUser timesheetUser(String name) {
        String email = name + "-" + System.nanoTime() + "@fuzz.test";
        String password = stack.secret("pw-" + java.util.UUID.randomUUID());
        long id = admin(timesheet, "POST", "/api/users", "{\"email\": \"" + email + "\", \"name\": \"" + name
                + "\", \"password\": \"" + password + "\", \"role\": \"user\"}", 201).get("id").asLong();
        HttpResponse<String> created = basic(timesheet, "POST", "/api/me/tokens", email, password, "{\"name\": \"fuzz\"}");
        if (created.statusCode() != 201 && created.statusCode() != 200) {
            throw new AssertionError("token of " + email + ": " + created.statusCode() + " " + created.body());
        }
        String token = stack.secret(Stack.read(created.body()).get("token").asText());
        return new TimesheetUser(id, email, password, token, null);
    }

    /** A task both users may track on: the imported simulator project (the poller's snapshots reach the timesheet). */
    private long awaitTask(TimesheetUser user) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> tasks = stack.call("GET", timesheet.url() + "/api/tasks?limit=50", user.token(), null);
            if (tasks.statusCode() == 200) {
                for (JsonNode task : Stack.read(tasks.body())) {
                    if ("story".equals(task.path("kind").asText())) {
                        return task.get("id").asLong();
                    }
                }
            }
            ServiceProcess.sleep(500);
        }
        throw new AssertionError("no imported story reached the timesheet within 90 s");
    }

    private TimesheetUser withEntry(TimesheetUser user, long task, String start, String end) {
        HttpResponse<String> entry = stack.call("POST", timesheet.url() + "/api/entries", user.token(),
                "{\"task_id\": " + task + ", \"start\": \"" + start + "\", \"end\": \"" + end + "\", \"note\": \"fuzz\"}");
        if (entry.statusCode() != 201) {
            throw new AssertionError("entry of " + user.email() + ": " + entry.statusCode() + " " + entry.body());
        }
        return new TimesheetUser(user.id(), user.email(), user.password(), user.token(), Stack.read(entry.body()).get("id").asLong());
    }

    JsonNode admin(ServiceProcess service, String method, String path, String json, int expected) {
        return call(service, method, path, stack.adminToken, json, expected);
    }

    private JsonNode call(ServiceProcess service, String method, String path, String bearer, String json, int expected) {
        HttpResponse<String> response = stack.call(method, service.url() + path, bearer, json);
        if (response.statusCode() != expected) {
            throw new AssertionError(method + " " + service.instance + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Stack.read(response.body());
    }

    private HttpResponse<String> basic(ServiceProcess service, String method, String path, String email, String password, String json) {
        String credentials = java.util.Base64.getEncoder().encodeToString((email + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(service.url() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + credentials).header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return Stack.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
