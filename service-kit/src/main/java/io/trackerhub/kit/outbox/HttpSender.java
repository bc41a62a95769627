package io.trackerhub.kit.outbox;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one HTTP request for a delivery and reads the answer the usual way ({@link DeliveryResult#fromHttp}).
 * Credentials are added by the caller at send time ({@code extraHeaders}) and never stored in the outbox row.
 * <p>
 * The calling (sender) thread waits for the answer; the request itself runs on Vert.x's event loop with kept-alive
 * connections, up to {@code connectionsPerHost} per receiver. (The JDK's {@code HttpClient} took three thread hand-overs
 * per request and half of notification-service's CPU at 2,800 deliveries/s: bench/notification/README.md.) Redirects are
 * not followed, and of the answer's body only the first {@value #BODY_LIMIT} bytes are kept: a receiver cannot make the
 * service hold more.
 */
public final class HttpSender implements AutoCloseable {

    static final int BODY_LIMIT = 64 * 1024;

    private final HttpClient client;
    private final Duration timeout;
    /** Each calling thread's event-loop context (spread over the event loops, one per sender thread). */
    private final ThreadLocal<Context> contexts;

    public HttpSender(Vertx vertx, Duration timeout, int connectionsPerHost) {
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setVerifyHost(true)
                .setTryUseCompression(false);
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(Math.max(1, connectionsPerHost)));
        this.timeout = timeout;
        this.contexts = ThreadLocal.withInitial(vertx::getOrCreateContext);
    }

    /** An HTTP answer as the receiver gave it (its body cut at 64 KiB; {@code location} of a redirect, else null). */
    public record Answer(int status, String body, String retryAfter, String location) {
        public DeliveryResult result() {
            return DeliveryResult.fromHttp(status, retryAfter, body, Instant.now());
        }
    }

    public DeliveryResult post(URI uri, String body, Map<String, String> headers, Map<String, String> extraHeaders) {
        return post(uri, body, headers, extraHeaders, Answer::result);
    }

    /** The same, the answer read by {@code reading} (a receiver whose statuses say more, e.g. a redirect to a login page). */
    public DeliveryResult post(URI uri, String body, Map<String, String> headers, Map<String, String> extraHeaders,
                               java.util.function.Function<Answer, DeliveryResult> reading) {
        try {
            return reading.apply(exchange(uri, body, headers, extraHeaders));
        } catch (IOException e) {
            return DeliveryResult.retry(unreachable(uri, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry("interrupted while sending to " + uri.getHost());
        }
    }

    /**
     * Sends one POST and returns the receiver's answer, for callers that show it (e.g. a "send a test message" button).
     * Blocks the calling thread (never an event-loop thread) for at most the timeout.
     */
    public Answer exchange(URI uri, String body, Map<String, String> headers, Map<String, String> extraHeaders)
            throws IOException, InterruptedException {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("HttpSender waits for the answer: call it from a worker thread");
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setIdleTimeout(timeout.toMillis());
        try {
            options.setAbsoluteURI(uri.toString());
        } catch (RuntimeException e) {
            throw new IOException("not an http(s) URL", e);
        }
        headers.forEach(options::addHeader);
        extraHeaders.forEach(options::putHeader);
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        // The whole exchange runs on an event loop: started from this thread, the callback that sets the response's
        // handlers could run after the event loop had already read the end of a short answer ("Response already
        // ended", then a retry of a request the receiver had taken: the reliability suite's undisturbed instance sent
        // 1–3 of 10,000 messages twice).
        Context current = Vertx.currentContext();
        (current != null ? current : contexts.get()).runOnContext(ignored -> client.request(options)
                .compose(request -> {
                    sent.set(request);
                    return request.send(Buffer.buffer(body, StandardCharsets.UTF_8.name()));
                })
                .compose(HttpSender::read)
                .onComplete(result -> {
                    if (result.succeeded()) {
                        answer.complete(result.result());
                    } else {
                        answer.completeExceptionally(result.cause());
                    }
                }));
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandon(sent);
            throw new HttpTimeoutException("no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            abandon(sent);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                // Vert.x's idle timeout, whose message names the request's path (which may hold a key)
                throw new HttpTimeoutException("no answer within " + timeout.toMillis() + " ms");
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }
    }

    /** Reads the answer, keeping at most {@link #BODY_LIMIT} bytes of its body. */
    private static Future<Answer> read(HttpClientResponse response) {
        Promise<Answer> done = Promise.promise();
        Buffer kept = Buffer.buffer();
        response.handler(chunk -> {
            int room = BODY_LIMIT - kept.length();
            if (room > 0) {
                kept.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
            }
        });
        response.exceptionHandler(done::tryFail);
        response.endHandler(ignored -> done.tryComplete(new Answer(response.statusCode(),
                kept.toString(StandardCharsets.UTF_8), response.getHeader("Retry-After"), response.getHeader("Location"))));
        return done.future();
    }

    /** A request given up on (timeout, interrupt) is reset: its connection is not reused for an answer still to come. */
    private static void abandon(AtomicReference<HttpClientRequest> sent) {
        HttpClientRequest request = sent.get();
        if (request != null) {
            request.reset();
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** A one-line reason naming the host only (a URL may hold a key). */
    public static String unreachable(URI uri, Exception e) {
        String message = e.getMessage() == null ? "" : " " + e.getMessage();
        // an exception's message may quote the request line; the path and query are the receiver's key
        if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
            message = message.replace(uri.getRawPath(), "/…");
        }
        if (uri.getRawQuery() != null) {
            message = message.replace(uri.getRawQuery(), "…");
        }
        return "could not reach " + uri.getHost() + ": " + e.getClass().getSimpleName() + message;
    }
}
