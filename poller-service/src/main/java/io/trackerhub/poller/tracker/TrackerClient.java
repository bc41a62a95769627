package io.trackerhub.poller.tracker;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.trackerhub.events.rest.TrackerError;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The Tracker REST API v5 through the typed {@link TrackerApi} (one Quarkus REST client per base URL, shared by every
 * integration on it). A {@link Session} is one token against one base URL; it retries a request on 429 (waiting what
 * {@code Retry-After} says) and on 5xx, timeouts and lost connections (exponential back-off with jitter), and counts
 * the requests it made. The token is sent as {@code X-TrackerToken} and appears nowhere else: not in URLs, messages or
 * logs.
 */
@ApplicationScoped
public class TrackerClient {

    private static final Logger LOG = Logger.getLogger(TrackerClient.class);

    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Map<String, TrackerApi> apis = new ConcurrentHashMap<>();

    public TrackerClient(TrackerConfig config) {
        this.requestTimeout = config.requestTimeout();
        this.maxAttempts = Math.max(1, config.maxAttempts());
        this.baseDelay = config.retryBaseDelay();
        this.maxDelay = config.retryMaxDelay();
    }

    public Session session(String baseUrl, String token) {
        String base = baseUrl.replaceAll("/+$", "");
        return new Session(apis.computeIfAbsent(base, this::build), token);
    }

    private TrackerApi build(String baseUrl) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                // every status comes back as a Response: the session reads Tracker's error body and decides
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(TrackerApi.class);
    }

    @PreDestroy
    void close() {
        apis.values().forEach(api -> {
            if (api instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // nothing of ours is held by a client that cannot close
                }
            }
        });
        apis.clear();
    }

    /** One token against one Tracker: what a sync run talks to. Thread-safe. */
    public final class Session {

        private final TrackerApi api;
        private final String token;
        private final AtomicInteger requests = new AtomicInteger();

        private Session(TrackerApi api, String token) {
            this.api = api;
            this.token = token;
        }

        /** Requests sent so far, retries included. */
        public int requests() {
            return requests.get();
        }

        public TrackerResponse me() {
            return send("GET /me", null, a -> a.me(token));
        }

        public TrackerResponse notifications(String updatedAfter) {
            return send("GET /my/notifications", null, a -> a.notifications(token, updatedAfter));
        }

        public TrackerResponse project(long project, String fields) {
            return send("GET /projects/" + project, project, a -> a.project(token, project, fields));
        }

        public TrackerResponse epics(long project) {
            return send("GET /projects/" + project + "/epics", project, a -> a.epics(token, project));
        }

        public TrackerResponse stories(long project, String updatedAfter, String fields, int limit, int offset) {
            return send("GET /projects/" + project + "/stories", project, a -> a.stories(token, project, updatedAfter, fields, limit, offset));
        }

        public TrackerResponse search(long project, String filter, int limit, int offset) {
            return send("GET /projects/" + project + "/stories?filter", project, a -> a.search(token, project, filter, limit, offset));
        }

        public TrackerResponse activity(long project, long sinceVersion, int limit, int offset) {
            return send("GET /projects/" + project + "/activity", project, a -> a.activity(token, project, sinceVersion, limit, offset));
        }

        /** One story wherever it is now; a 403/404 is read as out of reach ({@link TrackerFailure.Kind#PROJECT_FORBIDDEN}). */
        public TrackerResponse story(long story) {
            return send("GET /stories/" + story, story, a -> a.story(token, story));
        }

        /**
         * Sends {@code call}; a 2xx answer, else a {@link TrackerFailure}. {@code project} names the project a 403/404
         * is about (then it is {@link TrackerFailure.Kind#PROJECT_FORBIDDEN}), or is null when the request is about
         * the token itself. Tracker's {@code invalid_authentication} means the token is rejected, under 401 or 403.
         */
        private TrackerResponse send(String what, Long project, Function<TrackerApi, Response> call) {
            for (int attempt = 1; ; attempt++) {
                requests.incrementAndGet();
                int status;
                byte[] body;
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                try (Response response = call.apply(api)) {
                    status = response.getStatus();
                    body = response.hasEntity() ? response.readEntity(byte[].class) : new byte[0];
                    response.getStringHeaders().forEach((name, values) -> {
                        if (!values.isEmpty()) {
                            headers.put(name, values.get(0));
                        }
                    });
                } catch (ProcessingException e) {
                    String why = timedOut(e) ? "timed out after " + requestTimeout.toSeconds() + " s" : "failed: " + cause(e);
                    retryOrGiveUp(attempt, what, why, backoff(attempt));
                    continue;
                }
                if (status >= 200 && status < 300) {
                    return new TrackerResponse(status, body, headers);
                }
                if (status == 429) {
                    String retryAfter = headers.get("Retry-After");
                    retryOrGiveUp(attempt, what, "rate limited (429)", retryAfter == null ? backoff(attempt) : seconds(retryAfter));
                    continue;
                }
                if (status >= 500) {
                    retryOrGiveUp(attempt, what, "answered " + status, backoff(attempt));
                    continue;
                }
                throw failure(what, project, status, body);
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

    /** What a 4xx answer (other than 429) means for the sync. */
    static TrackerFailure failure(String what, Long project, int status, byte[] body) {
        String code = errorCode(body);
        String error = errorText(body, status);
        if (status == 401 || (status == 403 && (project == null || "invalid_authentication".equals(code)))) {
            return new TrackerFailure(TrackerFailure.Kind.TOKEN_REJECTED, status, error);
        }
        if (status == 403 || status == 404) {
            return new TrackerFailure(TrackerFailure.Kind.PROJECT_FORBIDDEN, status, "project " + project + ": " + error);
        }
        return new TrackerFailure(TrackerFailure.Kind.REFUSED, status, what + " answered " + status + ": " + error);
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

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException
                    || (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timeout"))) {
                return true;
            }
        }
        return false;
    }

    private static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    private static String errorCode(byte[] body) {
        try {
            return TrackerError.parse(body).code();
        } catch (RuntimeException e) {
            return null;
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
}
