package io.trackerhub.reliability;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP receiver that stands in for every third party the hostile tests point the hub at (chat rooms, Jira)
 * and for the attacker's server of an XML external entity: it answers 200 {} to anything and records each path
 * asked for, so a test can tell whether a service fetched what a body told it to.
 */
final class HostileReceiver implements AutoCloseable {

    private static final String JIRA_ISSUE = "{\"id\": \"10001\", \"key\": \"DEMO-1\", \"fields\": {\"summary\": \"Checkout fails\","
            + " \"issuetype\": {\"name\": \"Bug\"}, \"reporter\": {\"displayName\": \"Grace Hopper\"},"
            + " \"created\": \"2026-11-20T10:15:30.000+0000\", \"description\": \"From the fake Jira\"}}";

    private final HttpServer server;
    private final List<String> requested = new CopyOnWriteArrayList<>();

    private HostileReceiver(HttpServer server) {
        this.server = server;
    }

    static HostileReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            HostileReceiver receiver = new HostileReceiver(server);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                receiver.requested.add(path);
                exchange.getRequestBody().readAllBytes();
                int status = 200;
                String json = "{}";
                if (path.startsWith("/jira/")) {
                    // enough of Jira REST v2 (as connector-service/examples/fake-jira.py) for the import to work
                    if (path.equals("/jira/rest/api/2/search")) {
                        json = "{\"startAt\": 0, \"maxResults\": 50, \"total\": 1, \"issues\": [" + JIRA_ISSUE + "]}";
                    } else if (path.equals("/jira/rest/api/2/issue/DEMO-1")) {
                        json = JIRA_ISSUE;
                    } else if (path.equals("/jira/rest/api/2/issue/DEMO-1/transitions")) {
                        json = "{\"transitions\": [{\"id\": \"4\", \"name\": \"Start Progress\"}]}";
                    } else if (path.equals("/jira/rest/api/2/issue/DEMO-1/comment")) {
                        status = 201;
                        json = "{\"id\": \"10001\"}";
                    } else {
                        status = 404;
                        json = "{\"errorMessages\": [\"Issue does not exist\"]}";
                    }
                }
                byte[] answer = json.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** How many requests asked for a path starting with {@code prefix}. */
    long requests(String prefix) {
        return requested.stream().filter(p -> p.startsWith(prefix)).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
