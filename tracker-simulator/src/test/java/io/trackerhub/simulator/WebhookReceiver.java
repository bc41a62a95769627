package io.trackerhub.simulator;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A JDK HTTP server that takes web hooks: each body kept as "{path} {body}", in the order they arrived. */
final class WebhookReceiver implements AutoCloseable {

    final List<String> bodies = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            bodies.add(exchange.getRequestURI().getPath() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The bodies POSTed to this path, without it. */
    List<String> bodiesAt(String path) {
        return bodies.stream().filter(b -> b.startsWith(path + " ")).map(b -> b.substring(path.length() + 1)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
