import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ./hub demo: wires a small simulated Tracker world through every service of a running local Tracker Hub, runs the
 * simulator's generator and prints what flows. JDK only (run from source by ./hub). Settings come from the environment
 * that ./hub passes: service URLs, HUB_ADMIN_TOKEN, HUB_SIM_ADMIN_TOKEN, HUB_TIMESHEET_ADMIN_EMAIL/_PASSWORD,
 * DEMO_STATE (a file remembering the previous run's integration and web hooks), DEMO_SECONDS, DEMO_RATE.
 * The last line is the summary; the exit code is 0 when every count agrees and nothing failed.
 */
public class Demo {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String SIM, POLLER, INGEST, TIMESHEET, NOTIFY, CONNECTOR, ADMIN, SIM_ADMIN, TS_BASIC, USER_BASIC;

    // what the local receivers got
    static final AtomicInteger chatMessages = new AtomicInteger();
    static final AtomicInteger jiraCalls = new AtomicInteger();
    static volatile boolean quietChat = false;

    public static void main(String[] args) {
        try {
            run();
        } catch (Exception e) {
            quietChat = true;
            System.out.println("demo: failed: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run() throws Exception {
        int seconds = Integer.parseInt(env("DEMO_SECONDS", "60"));
        double rate = Double.parseDouble(env("DEMO_RATE", "2"));
        SIM = env("SIMULATOR_URL", "http://localhost:8090");
        POLLER = env("POLLER_URL", "http://localhost:8082");
        INGEST = env("WEBHOOK_INGEST_URL", "http://localhost:8081");
        TIMESHEET = env("TIMESHEET_URL", "http://localhost:8084");
        NOTIFY = env("NOTIFICATION_URL", "http://localhost:8085");
        CONNECTOR = env("CONNECTOR_URL", "http://localhost:8083");
        ADMIN = "Bearer " + need("HUB_ADMIN_TOKEN");
        SIM_ADMIN = "Bearer " + need("HUB_SIM_ADMIN_TOKEN");
        TS_BASIC = basic(env("HUB_TIMESHEET_ADMIN_EMAIL", "admin@localhost"), need("HUB_TIMESHEET_ADMIN_PASSWORD"));
        Path stateFile = Path.of(env("DEMO_STATE", ".hub/demo.properties"));
        String run = Long.toString(System.currentTimeMillis() / 1000, 36);

        // 0. the previous demo's world stops flowing: its web hooks and its integration go
        Properties previous = forgetPreviousRun(stateFile);

        // 1. local receivers: a Slack-style incoming web hook that prints, and a fake Jira
        HttpServer chat = receiver();
        HttpServer jira = fakeJira();
        String chatUrl = "http://127.0.0.1:" + chat.getAddress().getPort() + "/services/T0DEMO/B0DEMO/demo";
        String jiraUrl = "http://127.0.0.1:" + jira.getAddress().getPort();
        step("local chat receiver on " + chatUrl + ", fake Jira on " + jiraUrl);

        // 2. a small world in the simulator, with project ids never used before: an activity's id (ce_id, which every
        // consumer's inbox remembers for 30 days) is {project_id}_{version}. A restarted simulator starts its ids above
        // every earlier run's (tracker-simulator README, "Ids"); only a world emptied within a run (DELETE /_sim/world)
        // counts from its start again, which empty filler projects step past.
        long floor = Math.max(2_000_010L, Long.parseLong(previous.getProperty("max_project_id", "0")) + 1);
        Map<String, Object> seed;
        List<Long> projects = new ArrayList<>();
        while (true) {
            seed = obj(call("POST", SIM + "/_sim/seed", SIM_ADMIN,
                    "{\"seed\": " + (System.nanoTime() % 1_000_000) + ", \"projects\": 2, \"stories_per_project\": 12}", 201));
            projects.clear();
            for (Object p : (List<?>) seed.get("project_ids")) projects.add(((Number) p).longValue());
            if (projects.get(0) >= floor) break;
            long filler = Math.min(200, floor - projects.get(projects.size() - 1) - 1);
            if (filler > 0) {
                call("POST", SIM + "/_sim/seed", SIM_ADMIN, "{\"seed\": 1, \"projects\": " + filler + ", \"stories_per_project\": 0}", 201);
            }
        }
        String token = (String) seed.get("api_token");
        step("simulator seeded: projects " + projects + " (a new world; token kept in memory only)");

        // 3. the integration in the poller (base_url defaults to the simulator under ./hub)
        String name = "demo-" + run;
        Map<String, Object> integration = obj(call("POST", POLLER + "/api/integrations", ADMIN,
                "{\"name\": \"" + name + "\", \"api_token\": \"" + token + "\", \"project_ids\": " + projects
                        + ", \"sync_interval\": \"PT15S\"}", 201));
        long integrationId = num(integration.get("id"));
        String webhookUrl = (String) integration.get("webhook_url");
        step("poller integration " + integrationId + " \"" + name + "\" enabled (first import running)");

        // 4. the simulator posts every change of these projects to the ingest service
        for (long p : projects) {
            call("POST", SIM + "/services/v5/projects/" + p + "/webhooks", "token:" + token,
                    "{\"webhook_url\": \"" + webhookUrl + "\", \"webhook_version\": \"v5\"}", 200, 201);
        }
        step("simulator web hooks of " + projects.size() + " projects -> " + webhookUrl.replaceAll("/[^/]+$", "/…"));
        Properties state = new Properties();
        state.setProperty("integration", Long.toString(integrationId));
        state.setProperty("token", token);
        state.setProperty("projects", join(projects));
        state.setProperty("max_project_id", Long.toString(Math.max(projects.get(projects.size() - 1),
                Long.parseLong(previous.getProperty("max_project_id", "0")))));
        Files.createDirectories(stateFile.toAbsolutePath().getParent());
        try (var out = Files.newBufferedWriter(stateFile)) { state.store(out, "the last ./hub demo run"); }

        // baselines of the shared counters (other runs and worlds may have moved them before)
        double ingested0 = metric(INGEST, "hub_webhooks_total", "outcome=\"accepted\"");
        double snapshots0 = metric(TIMESHEET, "hub_timesheet_events_total", "topic=\"tracker.projects\"")
                + metric(TIMESHEET, "hub_timesheet_events_total", "topic=\"tracker.stories\"");

        // 5. a timesheet user
        String email = "demo-" + run + "@example.com", password = "demo-password-" + run;
        call("POST", TIMESHEET + "/api/users", TS_BASIC, "{\"email\": \"" + email + "\", \"name\": \"Demo " + run
                + "\", \"password\": \"" + password + "\", \"role\": \"user\"}", 201);
        USER_BASIC = basic(email, password);
        step("timesheet user " + email + " / " + password + " (" + TIMESHEET + "/)");

        // 6. a Slack-style channel for these projects, pointing at the local receiver
        Map<String, Object> channel = obj(call("POST", NOTIFY + "/api/channels", ADMIN,
                "{\"type\": \"slack\", \"name\": \"#demo-" + run + "\", \"project_ids\": " + projects
                        + ", \"publish\": [\"new_stories\", \"state_changes\", \"comments\"], \"rate_per_second\": 50,"
                        + " \"config\": {\"url\": \"" + chatUrl + "\"}}", 201));
        long channelId = num(channel.get("id"));
        step("notification channel " + channelId + " (slack) -> local receiver");

        // 7. a Jira connector against the fake Jira, one issue imported as a story of the first project
        Map<String, Object> connector = obj(call("POST", CONNECTOR + "/api/connectors", ADMIN,
                "{\"type\": \"jira\", \"name\": \"Demo Jira " + run + "\", \"tracker\": {\"api_token\": \"" + token
                        + "\", \"base_url\": \"" + SIM + "/services/v5\", \"project_id\": " + projects.get(0) + "}, \"config\": {\"base_url\": \""
                        + jiraUrl + "\", \"username\": \"demo@example.com\", \"api_token\": \"jira-demo-token\", \"filter_id\": 10001}}", 201));
        long connectorId = num(connector.get("id"));
        Map<String, Object> link = obj(call("POST", CONNECTOR + "/api/connectors/" + connectorId + "/import", ADMIN,
                "{\"external_id\": \"DEMO-1\", \"position\": \"backlog\"}", 200, 201));
        long linkedStory = num(link.get("story_id"));
        step("connector " + connectorId + " (jira): DEMO-1 imported as story " + linkedStory + " of project " + projects.get(0));

        // 8. the generator, plus one change of the linked story so that write-back has something to write
        Thread stopGenerator = new Thread(() -> {   // Ctrl-C: the simulator stops changing stories too
            try { send("DELETE", SIM + "/_sim/generator", SIM_ADMIN, null); } catch (RuntimeException ignored) { }
        });
        Runtime.getRuntime().addShutdownHook(stopGenerator);
        // the generator changes random stories of every project in the simulator (earlier worlds, fillers): scaled so
        // that the demo's projects see about the asked rate
        long allProjects = num(obj(call("GET", SIM + "/_sim/stats", SIM_ADMIN, null, 200)).get("projects"));
        double simRate = Math.min(200, Math.round(rate * Math.max(1, allProjects) / projects.size() * 10) / 10.0);
        call("POST", SIM + "/_sim/generator", SIM_ADMIN, "{\"rate_per_s\": " + simRate + ", \"duration_s\": " + seconds + "}", 200, 201);
        step("generator: " + simRate + " changes/s for " + seconds + " s over the simulator's " + allProjects
                + " projects (≈ " + rate + "/s in the demo's " + projects.size() + "); live:");
        call("PUT", SIM + "/services/v5/projects/" + projects.get(0) + "/stories/" + linkedStory, "token:" + token,
                "{\"current_state\": \"started\"}", 200);
        call("POST", SIM + "/services/v5/projects/" + projects.get(0) + "/stories/" + linkedStory + "/comments", "token:" + token,
                "{\"text\": \"Looked at it in the ./hub demo\"}", 200, 201);

        long t0 = System.currentTimeMillis();
        Counts c = null;
        while (System.currentTimeMillis() - t0 < seconds * 1000L + 1000) {
            Thread.sleep(5000);
            c = counts(projects, token, ingested0, snapshots0, channelId, connectorId);
            System.out.printf("  [%3ds] %s%n", (System.currentTimeMillis() - t0) / 1000, c.line(false));
        }
        Runtime.getRuntime().removeShutdownHook(stopGenerator);
        // 9. let what is in flight arrive (web hooks, consumers, outboxes), up to 90 s
        step("generator done; waiting for what is in flight ...");
        long t1 = System.currentTimeMillis();
        while (true) {
            c = counts(projects, token, ingested0, snapshots0, channelId, connectorId);
            if (c.settled() || System.currentTimeMillis() - t1 > 90_000) break;
            Thread.sleep(3000);
        }
        quietChat = true;
        chat.stop(0);
        jira.stop(0);
        System.out.println();
        System.out.println("simulator generated " + c.activities + " activities in the demo's projects; the ingest accepted "
                + c.ingested + "; " + c.matching + " matched the channel, " + c.delivered + " delivered, the receiver got "
                + c.chat + "; " + c.connectorQueued + " write-backs, fake Jira got " + c.jira + " calls");
        for (String problem : c.problems()) System.out.println("problem: " + problem);
        System.out.println("ids: integration " + integrationId + ", channel " + channelId + ", connector " + connectorId
                + "; timesheet login " + email + " / " + password);
        System.out.println(c.line(true));
        System.exit(c.problems().isEmpty() ? 0 : 1);
    }

    // ------------------------------------------------------------------------------------------------ counting

    static final class Counts {
        long activities, ingested, snapshots, tasks, chat, jira, failed, matching, delivered, pendingChat, connectorQueued, pendingJira;

        String line(boolean summary) {
            if (summary) {
                return "demo: activities=" + activities + " ingested=" + ingested + " snapshots=" + snapshots + " timesheet_tasks="
                        + tasks + " chat_messages=" + chat + " connector_calls=" + jira + " failed_deliveries=" + failed;
            }
            return "activities=" + activities + " ingested=" + ingested + " snapshots=" + snapshots + " timesheet_tasks=" + tasks
                    + " chat=" + chat + "/" + matching + " jira_calls=" + jira + (failed > 0 ? " FAILED=" + failed : "");
        }

        boolean settled() {
            return ingested >= activities && pendingChat == 0 && pendingJira == 0 && chat >= delivered && tasks > 0;
        }

        List<String> problems() {
            List<String> p = new ArrayList<>();
            if (activities == 0) p.add("the simulator generated no activity in the demo's projects");
            if (ingested != activities) p.add("ingested " + ingested + " of " + activities + " activities (./hub logs ingest)");
            if (snapshots == 0) p.add("no snapshot reached the timesheet (./hub logs poller, ./hub logs timesheet)");
            if (tasks == 0) p.add("no timesheet task for the demo's projects (./hub logs timesheet)");
            if (matching == 0 && ingested > 0) p.add("nothing matched the chat channel: the consumers' inboxes probably know these"
                    + " activity ids ({project_id}_{version}) from an earlier world with the same project ids (a restarted simulator,"
                    + " a purged .hub/ with the same database); run ./hub demo again: it starts past the ids it used");
            if (pendingChat > 0 || chat != matching) p.add("chat: " + chat + " messages received for " + matching
                    + " matching activities, " + pendingChat + " still pending (./hub logs notification)");
            if (jira == 0) p.add("the fake Jira got no call (./hub logs connector)");
            if (failed > 0) p.add(failed + " failed deliveries (notification channel / connector deliveries?state=failed)");
            return p;
        }
    }

    static Counts counts(List<Long> projects, String token, double ingested0, double snapshots0, long channelId, long connectorId) {
        Counts c = new Counts();
        try {
            for (long p : projects) {
                Map<String, Object> project = obj(call("GET", SIM + "/services/v5/projects/" + p, "token:" + token, null, 200));
                c.activities += Math.max(0, num(project.get("version")) - 1);   // the feed starts at version 2
            }
            c.ingested = Math.round(metric(INGEST, "hub_webhooks_total", "outcome=\"accepted\"") - ingested0);
            c.snapshots = Math.round(metric(TIMESHEET, "hub_timesheet_events_total", "topic=\"tracker.projects\"")
                    + metric(TIMESHEET, "hub_timesheet_events_total", "topic=\"tracker.stories\"") - snapshots0);
            c.tasks = timesheetTasks(projects, token);
            c.chat = chatMessages.get();
            c.jira = jiraCalls.get();
            for (Object d : list(call("GET", NOTIFY + "/api/channels/" + channelId + "/deliveries?limit=500", ADMIN, null, 200))) {
                String s = String.valueOf(((Map<?, ?>) d).get("state"));
                c.matching++;
                if (s.equals("delivered")) c.delivered++;
                else if (s.equals("failed")) c.failed++;
                else c.pendingChat++;
            }
            for (Object d : list(call("GET", CONNECTOR + "/api/connectors/" + connectorId + "/deliveries?limit=100", ADMIN, null, 200))) {
                String s = String.valueOf(((Map<?, ?>) d).get("state"));
                c.connectorQueued++;
                if (s.equals("failed")) c.failed++;
                else if (!s.equals("delivered")) c.pendingJira++;
            }
        } catch (RuntimeException e) {
            System.out.println("  (counting: " + e.getMessage() + ")");
        }
        return c;
    }

    /**
     * Open tasks the demo user sees for the demo's projects and their stories in the simulator now (the timesheet keys
     * tasks by Tracker id; accepted stories are archived and not counted).
     */
    static long timesheetTasks(List<Long> projects, String token) {
        Set<Long> trackerIds = new TreeSet<>(projects);
        for (long p : projects) {
            for (Object s : list(call("GET", SIM + "/services/v5/projects/" + p + "/stories?fields=id&limit=500",
                    "token:" + token, null, 200))) {
                trackerIds.add(num(((Map<?, ?>) s).get("id")));
            }
        }
        long n = 0;
        for (Object o : list(call("GET", TIMESHEET + "/api/tasks?limit=500", USER_BASIC, null, 200))) {
            Map<?, ?> t = (Map<?, ?>) o;
            if (t.get("tracker_id") != null && !"root".equals(t.get("kind")) && trackerIds.contains(num(t.get("tracker_id")))) n++;
        }
        return n;
    }

    static double metric(String base, String name, String labelFilter) {
        String text = call("GET", base + "/q/metrics", null, null, 200);
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(labelFilter)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    static Properties forgetPreviousRun(Path stateFile) {
        Properties p = new Properties();
        if (!Files.exists(stateFile)) return p;
        try {
            try (var in = Files.newBufferedReader(stateFile)) { p.load(in); }
            if (p.getProperty("max_project_id") == null) {
                long max = 0;
                for (String id : p.getProperty("projects", "").split(",")) if (!id.isBlank()) max = Math.max(max, Long.parseLong(id.trim()));
                p.setProperty("max_project_id", Long.toString(max));
            }
            String token = p.getProperty("token");
            for (String project : p.getProperty("projects", "").split(",")) {
                if (project.isBlank()) continue;
                HttpResponse<String> r = send("GET", SIM + "/services/v5/projects/" + project + "/webhooks", "token:" + token, null);
                if (r.statusCode() != 200) continue;   // the simulator restarted: that world is gone
                for (Object w : (List<?>) new Json(r.body()).value()) {
                    send("DELETE", SIM + "/services/v5/projects/" + project + "/webhooks/" + num(((Map<?, ?>) w).get("id")), "token:" + token, null);
                }
            }
            String integration = p.getProperty("integration");
            if (integration != null) send("DELETE", POLLER + "/api/integrations/" + integration, ADMIN, null);
            step("previous demo run: its web hooks removed and integration " + integration + " unlinked");
        } catch (IOException | RuntimeException e) {
            step("previous demo run not cleaned up (" + e.getMessage() + "); going on");
        }
        return p;
    }

    // ------------------------------------------------------------------------------------------------ receivers

    static HttpServer receiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = read(exchange);
            Object text;
            try { text = ((Map<?, ?>) new Json(body).value()).get("text"); } catch (RuntimeException e) { text = body; }
            int n = chatMessages.incrementAndGet();
            if (!quietChat) System.out.println("  chat #" + n + "  " + String.valueOf(text).replace('\n', ' '));
            reply(exchange, 200, "text/plain", "ok");
        });
        server.start();
        return server;
    }

    static final Pattern ISSUE = Pattern.compile("/rest/api/2/issue/(DEMO-[12])(/transitions|/comment)?/?");

    static HttpServer fakeJira() throws IOException {
        Map<String, String[]> issues = new LinkedHashMap<>();
        issues.put("DEMO-1", new String[] {"Checkout fails with an empty cart", "Bug"});
        issues.put("DEMO-2", new String[] {"Export invoices as CSV", "Story"});
        Map<String, AtomicInteger> comments = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = read(exchange);
            Matcher m = ISSUE.matcher(path);
            if (exchange.getRequestMethod().equals("GET")) {
                if (path.equals("/rest/api/2/serverInfo")) {
                    // as a Jira Data Center answers it (fixtures/jira/serverinfo-server.json)
                    reply(exchange, 200, "application/json", "{\"baseUrl\":\"http://127.0.0.1\",\"version\":\"9.12.15\","
                            + "\"versionNumbers\":[9,12,15],\"deploymentType\":\"Server\",\"buildNumber\":9120015,\"serverTitle\":\"Demo Jira\"}");
                } else if (path.startsWith("/rest/api/2/search")) {
                    StringBuilder all = new StringBuilder();
                    for (String key : issues.keySet()) all.append(all.length() == 0 ? "" : ",").append(issueJson(key, issues.get(key)));
                    reply(exchange, 200, "application/json", "{\"startAt\":0,\"maxResults\":50,\"total\":2,\"issues\":[" + all + "]}");
                } else if (m.matches() && "/transitions".equals(m.group(2))) {
                    reply(exchange, 200, "application/json", "{\"transitions\":[{\"id\":\"4\",\"name\":\"Start Progress\"},"
                            + "{\"id\":\"5\",\"name\":\"Resolve Issue\"},{\"id\":\"3\",\"name\":\"Reopen Issue\"}]}");
                } else if (m.matches() && m.group(2) == null) {
                    reply(exchange, 200, "application/json", issueJson(m.group(1), issues.get(m.group(1))));
                } else {
                    reply(exchange, 404, "application/json", "{\"errorMessages\":[\"Issue does not exist\"]}");
                }
                return;
            }
            int n = jiraCalls.incrementAndGet();
            if (!quietChat) {
                String shown = body.replace('\n', ' ');
                System.out.println("  jira #" + n + "  " + exchange.getRequestMethod() + " " + path + " "
                        + (shown.length() > 140 ? shown.substring(0, 140) + "…" : shown));
            }
            if (m.matches() && "/comment".equals(m.group(2))) {
                int id = comments.computeIfAbsent("all", k -> new AtomicInteger(10000)).incrementAndGet();
                reply(exchange, 201, "application/json", "{\"id\":\"" + id + "\"}");
            } else if (m.matches() && "/transitions".equals(m.group(2))) {
                reply(exchange, 204, null, "");
            } else {
                reply(exchange, 404, "application/json", "{\"errorMessages\":[\"Issue does not exist\"]}");
            }
        });
        server.start();
        return server;
    }

    static String issueJson(String key, String[] issue) {
        return "{\"id\":\"" + key.substring(5) + "\",\"key\":\"" + key + "\",\"fields\":{\"summary\":\"" + issue[0]
                + "\",\"issuetype\":{\"name\":\"" + issue[1] + "\"},\"reporter\":{\"displayName\":\"Grace Hopper\"},"
                + "\"created\":\"2026-11-20T10:15:30.000+0000\",\"description\":\"From the fake Jira of ./hub demo\"}}";
    }

    static String read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) { return new String(in.readAllBytes(), StandardCharsets.UTF_8); }
    }

    static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] data = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, data.length == 0 ? -1 : data.length);
        if (data.length > 0) exchange.getResponseBody().write(data);
        exchange.close();
    }

    // ------------------------------------------------------------------------------------------------ HTTP, JSON

    static HttpResponse<String> send(String method, String url, String auth, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (auth != null && auth.startsWith("token:")) b.header("X-TrackerToken", auth.substring(6));
        else if (auth != null) b.header("Authorization", auth);
        if (json != null) b.header("Content-Type", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String call(String method, String url, String auth, String json, int... expected) {
        HttpResponse<String> r = send(method, url, auth, json);
        for (int e : expected) if (r.statusCode() == e) return r.body();
        String body = r.body() == null ? "" : r.body();
        throw new IllegalStateException(method + " " + url.replaceAll("\\?.*", "") + " answered " + r.statusCode() + ": "
                + (body.length() > 400 ? body.substring(0, 400) + "…" : body));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(String json) { return (Map<String, Object>) new Json(json).value(); }

    static List<?> list(String json) { return (List<?>) new Json(json).value(); }

    static long num(Object o) { return o instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(o)); }

    static String join(List<Long> ids) {
        StringBuilder s = new StringBuilder();
        for (Long id : ids) s.append(s.length() == 0 ? "" : ",").append(id);
        return s.toString();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static String need(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) throw new IllegalStateException(name + " is not set (./hub demo passes it)");
        return v;
    }

    static void step(String s) { System.out.println("demo: " + s); }

    /** A small JSON reader: objects become LinkedHashMaps, arrays ArrayLists, numbers Long or Double. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) { this.s = s; }

        Object value() {
            ws();
            if (i >= s.length()) throw new IllegalArgumentException("not JSON: empty");
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (s.charAt(i) == '}') { i++; return m; }
                    while (true) {
                        ws();
                        String k = string();
                        ws(); expect(':');
                        m.put(k, value());
                        ws();
                        if (s.charAt(i) == ',') { i++; continue; }
                        expect('}');
                        return m;
                    }
                }
                case '[': {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (s.charAt(i) == ']') { i++; return l; }
                    while (true) {
                        l.add(value());
                        ws();
                        if (s.charAt(i) == ',') { i++; continue; }
                        expect(']');
                        return l;
                    }
                }
                case '"': return string();
                case 't': i += 4; return Boolean.TRUE;
                case 'f': i += 5; return Boolean.FALSE;
                case 'n': i += 4; return null;
                default: {
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
                    String n = s.substring(start, i);
                    if (n.isEmpty()) throw new IllegalArgumentException("not JSON at " + start + ": " + abbreviate());
                    return n.contains(".") || n.contains("e") || n.contains("E") ? (Object) Double.parseDouble(n) : (Object) Long.parseLong(n);
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                    default: b.append(e);
                }
            }
        }

        private void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) throw new IllegalArgumentException("not JSON: expected " + c + " at " + i + ": " + abbreviate());
            i++;
        }

        private String abbreviate() { return s.length() > 200 ? s.substring(0, 200) + "…" : s; }
    }
}
