package io.trackerhub.notification;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A third party's HTTP endpoint (chat room, web hook receiver) in the test JVM: records every request it got. */
public final class Receiver implements AutoCloseable {

    public record Request(String path, Map<String, String> headers, String body, int answeredWith, Instant at) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public record Reply(int status, String body, Map<String, String> headers) {
        public static Reply of(int status) {
            return new Reply(status, "ok", Map.of());
        }
    }

    @FunctionalInterface
    public interface Answer {
        Reply to(String body) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    public Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            String path = exchange.getRequestURI().getPath();
            Reply reply;
            try {
                reply = answers.getOrDefault(path, b -> Reply.of(200)).to(body);
            } catch (Exception e) {
                reply = new Reply(500, e.toString(), Map.of());
            }
            requests.add(new Request(path, headers, body, reply.status(), Instant.now()));
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void answer(String path, Answer answer) {
        answers.put(path, answer);
    }

    /** Answers with each reply in turn; the last one from then on. */
    public void answerInTurn(String path, Reply... replies) {
        AtomicInteger next = new AtomicInteger();
        answers.put(path, body -> replies[Math.min(next.getAndIncrement(), replies.length - 1)]);
    }

    public List<Request> at(String path) {
        return new ArrayList<>(requests.stream().filter(r -> r.path().equals(path)).toList());
    }

    public List<String> bodiesAt(String path) {
        return at(path).stream().map(Request::body).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
