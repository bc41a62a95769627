package io.trackerhub.poller.tracker;

import io.trackerhub.events.rest.TrackerError;
import io.trackerhub.events.rest.TrackerHttp;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Tracker REST API v5 over the JDK HTTP client (keep-alive, shared by every integration). A {@link Session} is one
 * token against one base URL; it retries a request on 429 (waiting what {@code Retry-After} says) and on 5xx or
 * timeouts (exponential back-off with jitter), and counts the requests it made. The token is sent as
 * {@code X-TrackerToken} and appears nowhere else: not in URLs, messages or logs.
 */
@ApplicationScoped
public class TrackerClient {

    private static final Logger LOG = Logger.getLogger(TrackerClient.class);

    private final HttpClient http;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;

    public TrackerClient(@ConfigProperty(name = "hub.tracker.request-timeout", defaultValue = "PT30S") Duration requestTimeout,
                         @ConfigProperty(name = "hub.tracker.max-attempts", defaultValue = "6") int maxAttempts,
                         @ConfigProperty(name = "hub.tracker.retry-base-delay", defaultValue = "PT0.5S") Duration baseDelay,
                         @ConfigProperty(name = "hub.tracker.retry-max-delay", defaultValue = "PT30S") Duration maxDelay) {
        this.requestTimeout = requestTimeout;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "tracker-http");
                    t.setDaemon(true);
                    return t;
                })).build();
    }

    public Session session(String baseUrl, String token) {
        return new Session(baseUrl.replaceAll("/+$", ""), token);
    }

    /** One token against one Tracker: what a sync run talks to. Thread-safe. */
    public final class Session {

        private final String baseUrl;
        private final String token;
        private final AtomicInteger requests = new AtomicInteger();

        private Session(String baseUrl, String token) {
            this.baseUrl = baseUrl;
            this.token = token;
        }

        /** Requests sent so far, retries included. */
        public int requests() {
            return requests.get();
        }

        /**
         * {@code GET baseUrl + pathAndQuery}; a 2xx answer, else a {@link TrackerFailure}. {@code project} names the
         * project a 403/404 is about (then it is {@link TrackerFailure.Kind#PROJECT_FORBIDDEN}), or is null when the
         * request is about the token itself (then 403 means the token is rejected).
         */
        public TrackerResponse get(String pathAndQuery, Long project) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(requestTimeout)
                    .header(TrackerHttp.TOKEN, token).header("Accept", "application/json").GET().build();
            String what = "GET " + pathOnly(pathAndQuery);
            for (int attempt = 1; ; attempt++) {
                requests.incrementAndGet();
                HttpResponse<byte[]> response;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                } catch (HttpTimeoutException e) {
                    retryOrGiveUp(attempt, what, "timed out after " + requestTimeout.toSeconds() + " s", backoff(attempt));
                    continue;
                } catch (IOException e) {
                    retryOrGiveUp(attempt, what, "failed: " + e.getClass().getSimpleName(), backoff(attempt));
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TrackerFailure(TrackerFailure.Kind.UNAVAILABLE, 0, what + " was interrupted");
                }
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new TrackerResponse(status, response.body(), response.headers());
                }
                if (status == 429) {
                    Duration wait = response.headers().firstValue("Retry-After").map(TrackerClient::seconds).orElse(backoff(attempt));
                    retryOrGiveUp(attempt, what, "rate limited (429)", wait);
                    continue;
                }
                if (status >= 500) {
                    retryOrGiveUp(attempt, what, "answered " + status, backoff(attempt));
                    continue;
                }
                String error = errorText(response.body(), status);
                if (status == 401 || (status == 403 && project == null)) {
                    throw new TrackerFailure(TrackerFailure.Kind.TOKEN_REJECTED, status, error);
                }
                if ((status == 403 || status == 404) && project != null) {
                    throw new TrackerFailure(TrackerFailure.Kind.PROJECT_FORBIDDEN, status, "project " + project + ": " + error);
                }
                throw new TrackerFailure(TrackerFailure.Kind.REFUSED, status, what + " answered " + status + ": " + error);
            }
        }

        private void retryOrGiveUp(int attempt, String what, String why, Duration wait) {
            if (attempt >= maxAttempts) {
                throw new TrackerFailure(TrackerFailure.Kind.UNAVAILABLE, 0, what + " " + why + " " + attempt + " times; giving up this cycle");
            }
            Duration capped = wait.compareTo(maxDelay) > 0 ? maxDelay : wait;
            LOG.debugf("%s %s, attempt %d; trying again in %d ms", what, why, attempt, capped.toMillis());
            try {
                Thread.sleep(capped.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrackerFailure(TrackerFailure.Kind.UNAVAILABLE, 0, what + " was interrupted");
            }
        }
    }

    private Duration backoff(int attempt) {
        long base = baseDelay.toMillis() << Math.min(attempt - 1, 16);
        long capped = Math.min(base, maxDelay.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    /** Tracker's own error sentence ({@code invalid_authentication: Invalid authentication credentials were presented.}). */
    static String errorText(byte[] body, int status) {
        try {
            return TrackerError.parse(body).summary();
        } catch (RuntimeException e) {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
            return "HTTP " + status + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) : text));
        }
    }

    private static String pathOnly(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }
}
