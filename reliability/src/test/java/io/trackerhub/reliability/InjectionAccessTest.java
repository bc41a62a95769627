package io.trackerhub.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.testkit.Fixtures;
import io.trackerhub.testkit.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQL-ish strings in every query parameter, path parameter and JSON string field of every operation the services
 * document (/q/openapi): no 5xx, and the services' tables are intact afterwards. Every operation without a token
 * or with a wrong one: 401/403, except the ones public by design (listed below). A timesheet user cannot read,
 * change or delete another's entries. A web hook URL with a wrong signature is 404 and publishes nothing.
 */
@Order(70)
class InjectionAccessTest {

    static final List<String> INJECTIONS = List.of("' OR 1=1 --", "'; DROP TABLE integration;--", "Robert'); DROP TABLE time_entry;--",
            "\u0000", "%27", "\" OR \"\"=\"", "1; SELECT pg_sleep(5)", "' UNION SELECT password_hash FROM app_user--", "\uFF07 OR 1=1",
            "admin'--", "😀'\\", "%00' OR '1'='1");
    /** Operations anyone may call, by design: the web hook (its URL is the secret) and the timesheet's log-in and log-out. */
    static final Set<String> PUBLIC_OPERATIONS = Set.of(
            "fuzz-ingest POST /webhooks/tracker/{integrationId}/{sig}",
            "fuzz-timesheet POST /api/session",
            "fuzz-timesheet DELETE /api/session");
    /** Public paths outside the OpenAPI documents: health, metrics, the documents themselves, the timesheet page. */
    static final List<String> PUBLIC_PATHS = List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi");
    static final List<String> TIMESHEET_PAGE = List.of("/", "/index.html", "/app.js", "/app.css");
    private static final long WRONG_SIG_INTEGRATION = 707_001;
    private static final long WRONG_SIG_PROJECT = 97_070_000;
    private static final int THREADS = 8;

    private final HostileServices hub = HostileServices.get();
    private final FuzzTally tally = new FuzzTally();

    @AfterAll
    static void stopServices() {
        HostileServices.get().stop();
    }

    @Test
    @Timeout(240)
    void injectedStringsChangeNothingAndEveryOperationNeedsItsToken() throws Exception {
        long started = System.nanoTime();
        Map<String, Long> canaries = canaries();
        Map<String, String> before = tablesAndKnownRows(canaries);
        List<HostileApi.Operation> operations = new ArrayList<>();
        for (ServiceProcess service : hub.targets()) {
            operations.addAll(HostileApi.operations(service, hub.receiver.url("/inject")));
        }
        Map<String, String> valid = hub.validBodies();

        List<Runnable> injections = new ArrayList<>();
        for (HostileApi.Operation op : operations) {
            injections.addAll(injections(op, valid));
        }
        Collections.shuffle(injections, new java.util.Random(70));
        FuzzTally.runAll(injections, THREADS);
        Map<String, String> after = tablesAndKnownRows(canaries);

        List<String> wrongAccess = Collections.synchronizedList(new ArrayList<>());
        List<Runnable> access = new ArrayList<>();
        for (HostileApi.Operation op : operations) {
            access.addAll(accessChecks(op, wrongAccess));
        }
        FuzzTally.runAll(access, THREADS);
        List<String> publicAnswers = publicPaths();
        List<String> crossUser = crossUserAccess();
        List<String> wrongSigs = wrongSignatures();
        long seconds = (System.nanoTime() - started) / 1_000_000_000;

        Figures.record("injection and access: SQL-ish strings in every parameter and field, tokens, other users, web hook sigs",
                "operations=" + operations.size() + " requests=" + tally.total() + " by target=" + tally.sentByTarget()
                        + " 5xx=" + tally.serverErrors.size() + " 4xx problem+json=" + tally.problemShare()
                        + " tables and known rows changed=" + changed(before, after)
                        + " access not refused=" + wrongAccess.size() + " public by design=" + PUBLIC_OPERATIONS.size() + " operations + "
                        + PUBLIC_PATHS.size() + " paths + timesheet page" + " other user's entries reachable=" + crossUser.size()
                        + " wrong-sig web hooks accepted or published=" + wrongSigs.size() + " time=" + seconds + " s");

        List<String> findings = new ArrayList<>(List.of("## access not refused"));
        findings.addAll(wrongAccess);
        findings.add("## public paths");
        findings.addAll(publicAnswers);
        findings.add("## cross-user");
        findings.addAll(crossUser);
        findings.add("## wrong sigs");
        findings.addAll(wrongSigs);
        tally.writeFindings(hub.stack.work.resolve("injection-access-findings.txt"), findings);

        assertThat(tally.serverErrors).as("5xx answers: " + FuzzTally.first(tally.serverErrors)).isEmpty();
        assertThat(tally.notProblems).as("4xx answers that are not problem+json: " + FuzzTally.first(tally.notProblems)).isEmpty();
        assertThat(tally.noAnswer).as("requests without an answer: " + FuzzTally.first(tally.noAnswer)).isEmpty();
        assertThat(after).as("tables and known rows after the injections").isEqualTo(before);
        assertThat(wrongAccess).as("operations that did not refuse a missing or wrong token: " + FuzzTally.first(wrongAccess)).isEmpty();
        assertThat(publicAnswers).as("public paths that did not answer 200 without a token").isEmpty();
        assertThat(crossUser).as("another user's entries reachable").isEmpty();
        assertThat(wrongSigs).as("web hooks with a wrong sig accepted or published").isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ injection

    /** Each SQL-ish string in each query parameter, path parameter and JSON string field of the operation (one at a time). */
    private List<Runnable> injections(HostileApi.Operation op, Map<String, String> validBodies) {
        List<Runnable> requests = new ArrayList<>();
        JsonNode example = validBodies.containsKey(op.toString()) ? Stack.read(validBodies.get(op.toString())) : op.example();
        if (op.service() == hub.ingest) {
            example = webhookBody();
        }
        JsonNode body = example;
        Map<String, String> headers = auth(op);
        String base = op.service().url() + pathWith(op, null, null);
        for (String value : INJECTIONS) {
            for (String param : op.queryParams()) {
                requests.add(() -> tally.send(op.service().instance, op.method(), base + "?" + param + "=" + FuzzTest.encode(value),
                        headers, json(body), false, false));
            }
            for (String param : op.pathParams()) {
                if (op.service() == hub.ingest) {
                    continue; // the web hook's path is its signature: see wrongSignatures()
                }
                requests.add(() -> tally.send(op.service().instance, op.method(), op.service().url() + pathWith(op, param, value),
                        headers, json(body), false, false));
            }
            if (body != null) {
                forEachString(body, "", (field, replace) -> requests.add(() -> {
                    JsonNode injected = replace.apply(value);
                    if (op.service() == hub.ingest) {
                        long version = nextVersion();
                        ((ObjectNode) injected).put("guid", (WRONG_SIG_PROJECT + 1) + "_" + version).put("project_version", version);
                        ((ObjectNode) injected.get("project")).put("id", WRONG_SIG_PROJECT + 1);
                    }
                    tally.send(op.service().instance, op.method(), base, headers, json(injected), false, false);
                }));
            }
        }
        return requests;
    }

    private static FuzzBodies.Body json(JsonNode body) {
        return body == null ? null : FuzzBodies.Body.json("injected", body.toString());
    }

    /** The operation's path with known ids, and {@code value} (encoded) in {@code param} when it is given. */
    private String pathWith(HostileApi.Operation op, String param, String value) {
        Map<String, String> known = hub.knownIds(op.service());
        String path = op.path();
        for (String p : op.pathParams()) {
            String id = p.equals(param) ? FuzzTest.encode(value).replace("+", "%20")
                    : op.method().equals("DELETE") ? "999999" : known.getOrDefault(p, "1");
            path = path.replace("{" + p + "}", id);
        }
        return path;
    }

    /** Calls {@code visit} with each string field's path and a function giving a copy of the body with that field replaced. */
    static void forEachString(JsonNode root, String path, BiConsumer<String, java.util.function.Function<String, JsonNode>> visit) {
        walk(root, root, path, new ArrayList<>(), visit);
    }

    private static void walk(JsonNode root, JsonNode node, String path, List<Object> steps,
                             BiConsumer<String, java.util.function.Function<String, JsonNode>> visit) {
        if (node.isTextual()) {
            List<Object> at = List.copyOf(steps);
            visit.accept(path, value -> {
                JsonNode copy = root.deepCopy();
                JsonNode parent = copy;
                for (int i = 0; i < at.size() - 1; i++) {
                    parent = at.get(i) instanceof String name ? parent.get(name) : parent.get((Integer) at.get(i));
                }
                Object last = at.get(at.size() - 1);
                if (last instanceof String name) {
                    ((ObjectNode) parent).set(name, TextNode.valueOf(value));
                } else {
                    ((ArrayNode) parent).set((Integer) last, TextNode.valueOf(value));
                }
                return copy;
            });
        } else if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                steps.add(name);
                walk(root, node.get(name), path + "." + name, steps, visit);
                steps.remove(steps.size() - 1);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                steps.add(i);
                walk(root, node.get(i), path + "[" + i + "]", steps, visit);
                steps.remove(steps.size() - 1);
            }
        }
    }

    private long lastVersion = 1;

    /** Web hooks with injected strings go to a project of their own, one version each. */
    private synchronized long nextVersion() {
        return ++lastVersion;
    }

    private JsonNode webhookBody() {
        return Stack.read(Fixtures.read("webhook-v5/zulip_v5_started.json"));
    }

    private Map<String, String> auth(HostileApi.Operation op) {
        return Map.of("Authorization", "Bearer " + hub.tokenFor(op));
    }

    // ------------------------------------------------------------------------------------------------ tables

    /** Rows the injections must not touch: a channel and a connector of their own, the poller's integration, bob's entry. */
    private Map<String, Long> canaries() {
        Map<String, Long> ids = new LinkedHashMap<>();
        ids.put("channel", hub.admin(hub.notification, "POST", "/api/channels", "{\"type\": \"slack\", \"name\": \"canary\", \"publish\": [\"comments\"],"
                + " \"project_ids\": [1], \"config\": {\"url\": \"" + hub.receiver.url("/canary") + "\"}}", 201).get("id").asLong());
        String jira = hub.validBodies().get("fuzz-connector POST /api/connectors").replace("fuzz jira", "canary");
        ids.put("connector", hub.admin(hub.connector, "POST", "/api/connectors", jira, 201).get("id").asLong());
        ids.put("integration", hub.integrationId);
        ids.put("time_entry", hub.bob.entryId());
        ids.put("app_user", hub.alice.id());
        return ids;
    }

    /** Per service database: its tables with their row counts (of the tables rows are never deleted from), and the canary rows. */
    private Map<String, String> tablesAndKnownRows(Map<String, Long> canaries) throws SQLException {
        Map<String, String> state = new TreeMap<>();
        Map<ServiceProcess, List<String>> known = Map.of(
                hub.poller, List.of("poller", "integration", "select name || ' ' || base_url from poller.integration where id = ?"),
                hub.connector, List.of("connector", "connector", "select name || ' ' || type from connector.connector where id = ?"),
                hub.notification, List.of("notification", "channel", "select name || ' ' || type || ' ' || project_ids::text from notification.channel where id = ?"),
                hub.timesheet, List.of("timesheet", "time_entry", "select row_to_json(e)::text from timesheet.time_entry e where id = ?"));
        for (Map.Entry<ServiceProcess, List<String>> service : known.entrySet()) {
            String schema = service.getValue().get(0);
            try (Connection db = hub.stack.database(service.getKey().instance)) {
                try (ResultSet tables = db.createStatement().executeQuery("select table_name from information_schema.tables where table_schema = '"
                        + schema + "' order by table_name")) {
                    List<String> names = new ArrayList<>();
                    while (tables.next()) {
                        names.add(tables.getString(1));
                    }
                    state.put(schema + " tables", String.join(",", names));
                }
                String table = service.getValue().get(1);
                state.put(schema + "." + table + " known row", one(db, service.getValue().get(2), canaries.get(table)));
                if (schema.equals("timesheet")) {
                    state.put("timesheet.app_user alice", one(db, "select email || ' ' || role from timesheet.app_user where id = ?", canaries.get("app_user")));
                }
            }
        }
        return state;
    }

    private static String one(Connection db, String sql, long id) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : "(missing)";
            }
        }
    }

    private static long changed(Map<String, String> before, Map<String, String> after) {
        return before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k))).count();
    }

    // ------------------------------------------------------------------------------------------------ access

    /** The operation without a token and with wrong ones: 401 or 403, unless it is public by design. */
    private List<Runnable> accessChecks(HostileApi.Operation op, List<String> wrong) {
        List<Runnable> checks = new ArrayList<>();
        if (PUBLIC_OPERATIONS.contains(op.toString())) {
            return checks;
        }
        String basicAlice = Base64.getEncoder().encodeToString((hub.alice.email() + ":wrong password").getBytes(StandardCharsets.UTF_8));
        List<Map<String, String>> credentials = List.of(Map.of(),
                Map.of("Authorization", "Bearer wrong-" + System.nanoTime()),
                Map.of("Authorization", "Bearer " + hub.stack.adminToken + "x"),
                Map.of("Authorization", "Bearer tst_" + "A".repeat(43)),
                Map.of("Authorization", "Basic " + basicAlice),
                Map.of("Authorization", "Digest admin"));
        String url = op.service().url() + pathWith(op, null, null);
        FuzzBodies.Body body = op.example() == null ? null : FuzzBodies.Body.json("example", op.example().toString());
        for (Map<String, String> credential : credentials) {
            checks.add(() -> {
                FuzzTally.Answer answer = tally.send(op.service().instance, op.method(), url, credential, body, false, false);
                if (answer.status() != 401 && answer.status() != 403) {
                    wrong.add(op + " with " + (credential.isEmpty() ? "no token" : credential.get("Authorization").replaceFirst(" .*", " (wrong)"))
                            + " → " + answer.status());
                }
            });
        }
        // a timesheet user is not an admin
        if (op.service() == hub.timesheet && (op.path().startsWith("/api/users") || op.path().startsWith("/admin"))) {
            checks.add(() -> {
                FuzzTally.Answer answer = tally.send(op.service().instance, op.method(), url,
                        Map.of("Authorization", "Bearer " + hub.alice.token()), body, false, false);
                if (answer.status() != 403) {
                    wrong.add(op + " with a timesheet user's token → " + answer.status());
                }
            });
        }
        return checks;
    }

    /** Health, metrics, OpenAPI and the timesheet page answer without a token. */
    private List<String> publicPaths() {
        List<String> failures = new ArrayList<>();
        for (ServiceProcess service : hub.targets()) {
            for (String path : PUBLIC_PATHS) {
                expectPublic(service, path, failures);
            }
        }
        for (String path : TIMESHEET_PAGE) {
            expectPublic(hub.timesheet, path, failures);
        }
        return failures;
    }

    private void expectPublic(ServiceProcess service, String path, List<String> failures) {
        HttpResponse<String> response = hub.stack.call("GET", service.url() + path, null, null);
        if (response.statusCode() != 200) {
            failures.add(service.instance + " GET " + path + " → " + response.statusCode());
        }
    }

    /** Bob on Alice's entry: read, list, report, change, delete: 404 or 403; her entry unchanged. */
    private List<String> crossUserAccess() {
        List<String> failures = new ArrayList<>();
        String entry = hub.timesheet.url() + "/api/entries/" + hub.alice.entryId();
        String bob = hub.bob.token();
        Map<String, HttpResponse<String>> attempts = new LinkedHashMap<>();
        HttpResponse<String> aliceBefore = hub.stack.call("GET", entry, hub.alice.token(), null);
        attempts.put("GET her entry", hub.stack.call("GET", entry, bob, null));
        attempts.put("PATCH her entry", hub.stack.call("PATCH", entry, bob, "{\"note\": \"bob was here\"}"));
        attempts.put("DELETE her entry", hub.stack.call("DELETE", entry, bob, null));
        attempts.put("list her entries", hub.stack.call("GET", hub.timesheet.url() + "/api/entries?user=" + hub.alice.id(), bob, null));
        attempts.put("report her time", hub.stack.call("GET", hub.timesheet.url() + "/api/reports/time?from=2026-01-01&to=2026-01-31&user="
                + hub.alice.id(), bob, null));
        attempts.forEach((what, response) -> {
            if (response.statusCode() != 404 && response.statusCode() != 403) {
                failures.add("bob: " + what + " → " + response.statusCode() + " " + response.body());
            }
        });
        HttpResponse<String> ownList = hub.stack.call("GET", hub.timesheet.url() + "/api/entries?from=2026-01-01&to=2026-01-31", bob, null);
        for (JsonNode e : Stack.read(ownList.body())) {
            if (e.path("id").asLong() == hub.alice.entryId()) {
                failures.add("bob's own list holds alice's entry");
            }
        }
        HttpResponse<String> aliceAfter = hub.stack.call("GET", entry, hub.alice.token(), null);
        if (aliceAfter.statusCode() != 200 || !aliceAfter.body().equals(aliceBefore.body())) {
            failures.add("alice's entry changed: " + aliceBefore.body() + " → " + aliceAfter.statusCode() + " " + aliceAfter.body());
        }
        return failures;
    }

    /** Real bodies at URLs with a wrong sig (another id's, altered, missing, a non-canonical id): 404, nothing published. */
    private List<String> wrongSignatures() {
        List<String> failures = new ArrayList<>();
        String right = hub.stack.webhookPath(WRONG_SIG_INTEGRATION);
        String sig = right.substring(right.lastIndexOf('/') + 1);
        String otherSig = hub.stack.webhookPath(WRONG_SIG_INTEGRATION + 1).replaceFirst(".*/", "");
        String prefix = "/webhooks/tracker/";
        char flipped = sig.charAt(0) == 'A' ? 'B' : 'A';
        List<String> paths = List.of(prefix + WRONG_SIG_INTEGRATION + "/" + otherSig,
                prefix + WRONG_SIG_INTEGRATION + "/" + flipped + sig.substring(1),
                prefix + WRONG_SIG_INTEGRATION + "/" + sig.substring(0, sig.length() - 1),
                prefix + WRONG_SIG_INTEGRATION + "/" + sig.toLowerCase(java.util.Locale.ROOT) + "x",
                prefix + WRONG_SIG_INTEGRATION + "/",
                prefix + "0" + WRONG_SIG_INTEGRATION + "/" + sig,
                prefix + "-" + WRONG_SIG_INTEGRATION + "/" + sig,
                prefix + (WRONG_SIG_INTEGRATION + 1) + "/" + sig);
        List<String> guids = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            ObjectNode body = (ObjectNode) webhookBody();
            String guid = WRONG_SIG_PROJECT + "_" + (i + 2);
            body.put("guid", guid).put("project_version", i + 2);
            ((ObjectNode) body.get("project")).put("id", WRONG_SIG_PROJECT);
            guids.add(guid);
            FuzzTally.Answer answer = tally.send("fuzz-ingest", "POST", hub.ingest.url() + paths.get(i), Map.of(),
                    FuzzBodies.Body.json("real v5", body.toString()), false, false);
            if (answer.status() != 404 || !answer.problem()) {
                failures.add("web hook at a wrong sig #" + i + " → " + answer.status() + " " + answer.contentType());
            }
        }
        // the right URL takes the same kind of body: the refusals above were about the sig, not the body
        ObjectNode control = (ObjectNode) webhookBody();
        control.put("guid", WRONG_SIG_PROJECT + "_1").put("project_version", 1);
        ((ObjectNode) control.get("project")).put("id", WRONG_SIG_PROJECT);
        FuzzTally.Answer accepted = tally.send("fuzz-ingest", "POST", hub.ingest.url() + right, Map.of(),
                FuzzBodies.Body.json("real v5", control.toString()), false, false);
        if (accepted.status() != 200) {
            failures.add("the right sig was refused: " + accepted.status() + " " + accepted.body());
        }
        try (KafkaTestClient kafka = hub.stack.kafkaClient()) {
            for (KafkaTestClient.Received r : kafka.consumeAll(Topics.ACTIVITY, Duration.ofSeconds(60))) {
                if (guids.contains(r.header("ce_id"))) {
                    failures.add("published from a wrong sig: " + r.header("ce_id") + " (hub-integration " + r.header("hub-integration") + ")");
                }
            }
        }
        return failures;
    }
}
