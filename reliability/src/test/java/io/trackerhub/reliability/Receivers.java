package io.trackerhub.reliability;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * The third parties a service instance talks to, as one JDK HttpServer that records every request it gets: chat
 * rooms, outbound web hook receivers and anything else a test points a service at (answered 200 "ok"; e.g. an
 * external entity's URL, which must never be fetched) and a Jira (REST v2 under any base path: the issues
 * {@code jiraIssues}, a search listing them, their transitions, comments answered 201 with an id derived from the
 * comment, so that two runs that write the same comments get the same ids; transitions 204).
 */
final class Receivers implements AutoCloseable {

    /** One request as the receiver got it. */
    record Received(String method, String path, String body) {
    }

    private static final List<Map<String, String>> TRANSITIONS = List.of(Map.of("id", "4", "name", "Start Progress"),
            Map.of("id", "5", "name", "Resolve Issue"), Map.of("id", "3", "name", "Reopen Issue"));

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final Set<String> jiraIssues;

    Receivers(Set<String> jiraIssues) {
        this.jiraIssues = jiraIssues;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The URL of {@code path} here, e.g. {@code url("/jira")} as a Jira base URL or {@code url("/xxe")}. */
    String url(String path) {
        return url() + path;
    }

    /** How many requests asked for a path starting with {@code prefix}. */
    long requests(String prefix) {
        return received.stream().filter(r -> r.path().startsWith(prefix)).count();
    }

    /** What was received so far whose path matches. */
    List<Received> received(Predicate<String> path) {
        List<Received> matching = new ArrayList<>();
        for (Received r : received) {
            if (path.test(r.path())) {
                matching.add(r);
            }
        }
        return matching;
    }

    long count(String method, Predicate<String> path) {
        return received.stream().filter(r -> r.method().equals(method) && path.test(r.path())).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(method, path, body));
            int jira = path.indexOf("/rest/api/2/");
            if (jira >= 0) {
                // Jira's base URL may have a path of its own (e.g. .../jira): the API is what follows it
                jira(exchange, method, path.substring(jira), body);
            } else {
                answer(exchange, 200, "text/plain", "ok");
            }
        }
    }

    private void jira(HttpExchange exchange, String method, String path, String body) throws IOException {
        if (method.equals("GET") && path.equals("/rest/api/2/serverInfo")) {
            // a Data Center, as fixtures/jira/serverinfo-server.json
            answer(exchange, 200, "application/json", "{\"version\":\"9.12.15\",\"deploymentType\":\"Server\",\"buildNumber\":9120015}");
            return;
        }
        if (method.equals("GET") && path.equals("/rest/api/2/search")) {
            // a connector's import list: every issue this Jira has, on one page
            ObjectNode page = Stack.JSON.createObjectNode().put("startAt", 0).put("maxResults", 50).put("total", jiraIssues.size());
            ArrayNode issues = page.putArray("issues");
            jiraIssues.stream().sorted().forEach(key -> issues.add(issue(key)));
            answer(exchange, 200, "application/json", page.toString());
            return;
        }
        String[] parts = path.split("/");   // "", rest, api, 2, issue, KEY, what
        String key = parts.length > 5 ? parts[5] : null;
        if (parts.length < 6 || !"issue".equals(parts[4]) || !jiraIssues.contains(key)) {
            answer(exchange, 404, "application/json", "{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"]}");
            return;
        }
        String what = parts.length > 6 ? parts[6] : "";
        if (method.equals("GET") && what.isEmpty()) {
            answer(exchange, 200, "application/json", issue(key).toString());
        } else if (method.equals("GET") && what.equals("transitions")) {
            ObjectNode answer = Stack.JSON.createObjectNode();
            ArrayNode list = answer.putArray("transitions");
            TRANSITIONS.forEach(t -> list.addObject().put("id", t.get("id")).put("name", t.get("name")));
            answer(exchange, 200, "application/json", answer.toString());
        } else if (method.equals("POST") && what.equals("comment")) {
            long id = 10_000_000L + Math.floorMod((key + body).hashCode(), 1_000_000_000);
            answer(exchange, 201, "application/json", "{\"id\":\"" + id + "\"}");
        } else if (method.equals("POST") && what.equals("transitions")) {
            answer(exchange, 204, null, "");
        } else {
            answer(exchange, 404, "application/json", "{\"errorMessages\":[\"not here\"]}");
        }
    }

    private static ObjectNode issue(String key) {
        ObjectNode issue = Stack.JSON.createObjectNode().put("id", key.substring(key.indexOf('-') + 1)).put("key", key);
        ObjectNode fields = issue.putObject("fields").put("summary", "Reliability issue " + key)
                .put("created", "2026-11-20T10:15:30.000+0000").put("description", "Filed by the reliability suite");
        fields.putObject("issuetype").put("name", "Bug");
        fields.putObject("reporter").put("displayName", "Grace Hopper");
        return issue;
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /**
     * How often each call came (path and body; a room's or hook's key, which differs per instance, left out): more than
     * once is a duplicate side effect when every call the stream causes is distinct.
     */
    static Map<String, Integer> counts(List<Received> requests) {
        Map<String, Integer> counts = new HashMap<>();
        requests.forEach(r -> counts.merge(r.path().replaceFirst("^/(slack|hook)/.*", "/$1/{key}") + " " + r.body(), 1, Integer::sum));
        return counts;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
