package io.trackerhub.reliability;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends hostile requests and keeps the score per target: requests sent, answers by status, every 5xx and every 4xx
 * that is not application/problem+json (each with the request that caused it), and requests that got no answer.
 */
final class FuzzTally {

    static final String PROBLEM = "application/problem+json";

    /** What came back: the status (-1: no answer), the Content-Type, the body (cut). */
    record Answer(int status, String contentType, String body) {
        boolean problem() {
            return contentType != null && contentType.startsWith(PROBLEM);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final AtomicLong bodies = new AtomicLong();
    private final AtomicLong clientErrors = new AtomicLong();
    private final AtomicLong problems = new AtomicLong();
    final List<String> serverErrors = new CopyOnWriteArrayList<>();
    final List<String> notProblems = new CopyOnWriteArrayList<>();
    final List<String> noAnswer = new CopyOnWriteArrayList<>();
    final List<String> knownGaps = new CopyOnWriteArrayList<>();

    /**
     * Sends one request. {@code chunked} sends the body without a Content-Length. A request whose body the server
     * refused to read (10 MB) may see the connection closed instead of an answer: {@code mayBeCutOff} says so.
     */
    Answer send(String target, String method, String url, Map<String, String> headers, FuzzBodies.Body body,
                boolean chunked, boolean mayBeCutOff) {
        return send(target, method, url, headers, body, chunked, mayBeCutOff, true);
    }

    /** {@code problemRequired} false: a 4xx without a problem body is counted apart, as a known gap (see the caller). */
    Answer send(String target, String method, String url, Map<String, String> headers, FuzzBodies.Body body,
                boolean chunked, boolean mayBeCutOff, boolean problemRequired) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        headers.forEach(request::header);
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else {
            if (body.contentType() != null) {
                request.header("Content-Type", body.contentType());
            }
            publisher = chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.bytes()))
                    : HttpRequest.BodyPublishers.ofByteArray(body.bytes());
        }
        request.method(method, publisher);
        sent.computeIfAbsent(target, k -> new AtomicLong()).incrementAndGet();
        if (body != null) {
            bodies.incrementAndGet();
        }
        String described = redacted(method + " " + url.replaceFirst("^http://[^/]+", "") + (body == null ? "" : " with " + body));
        Answer answer;
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body1 = response.body() == null ? "" : response.body();
            answer = new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    body1.substring(0, Math.min(300, body1.length())));
        } catch (IOException e) {
            // a body over the 1 MiB limit is refused unread and the connection closed: the client may see only that
            if (!mayBeCutOff && (body == null || body.bytes().length <= 1 << 20)) {
                noAnswer.add(described + " → " + e);
            }
            statuses.computeIfAbsent("no answer", k -> new AtomicLong()).incrementAndGet();
            return new Answer(-1, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        statuses.computeIfAbsent(Integer.toString(answer.status()), k -> new AtomicLong()).incrementAndGet();
        if (answer.status() >= 500) {
            serverErrors.add(described + " → " + answer.status() + " " + answer.body());
        } else if (answer.status() >= 400) {
            clientErrors.incrementAndGet();
            if (answer.problem()) {
                problems.incrementAndGet();
            } else if (!problemRequired) {
                knownGaps.add(described + " → " + answer.status() + " " + answer.contentType());
            } else if (!method.equals("HEAD")) {
                notProblems.add(described + " → " + answer.status() + " " + answer.contentType() + " " + answer.body());
            }
        }
        return answer;
    }

    /** Makes every request on {@code threads} threads; a request the test itself could not make fails the test at the end. */
    static void runAll(List<Runnable> requests, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Runnable r : requests) {
                done.add(pool.submit(r));
            }
            List<String> failures = new ArrayList<>();
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failures.add(e.getCause().toString()); // reported after all requests ran
                }
            }
            assertThat(failures).as("requests the test could not make").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    /** The text with every secret of the run replaced: findings are printed and written to a file. */
    static String redacted(String text) {
        String out = text;
        for (String secret : Stack.get().secrets()) {
            out = out.replace(secret, "<secret>");
        }
        return out;
    }

    /** Requests sent with a body. */
    long bodies() {
        return bodies.get();
    }

    long total() {
        return sent.values().stream().mapToLong(AtomicLong::get).sum();
    }

    Map<String, Long> sentByTarget() {
        Map<String, Long> copy = new TreeMap<>();
        sent.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    Map<String, Long> statuses() {
        Map<String, Long> copy = new TreeMap<>();
        statuses.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Share of 4xx answers that were problem+json, in percent (HEAD answers have no body and are left out). */
    String problemShare() {
        long withBody = problems.get() + notProblems.size();
        return withBody == 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * problems.get() / withBody);
    }

    /** Every failure, in full, into a file beside the figures (the assertion messages show the first ten). */
    void writeFindings(java.nio.file.Path file, List<String> more) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("## 5xx");
        lines.addAll(serverErrors);
        lines.add("## 4xx not problem+json");
        lines.addAll(notProblems);
        lines.add("## known gaps (4xx without a problem body, allowed)");
        lines.addAll(knownGaps);
        lines.add("## no answer");
        lines.addAll(noAnswer);
        lines.addAll(more);
        try {
            java.nio.file.Files.write(file, lines);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The first few entries of a list of failures, for an assertion message. */
    static String first(List<String> failures) {
        return failures.size() + " of them; first: " + String.join("\n  ", failures.subList(0, Math.min(10, failures.size())));
    }
}
