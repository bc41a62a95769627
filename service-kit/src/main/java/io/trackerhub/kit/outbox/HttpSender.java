package io.trackerhub.kit.outbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Sends one HTTP request for a delivery and reads the answer the usual way ({@link DeliveryResult#fromHttp}).
 * Credentials are added by the caller at send time ({@code extraHeaders}) and never stored in the outbox row.
 */
public final class HttpSender {

    private final HttpClient client;
    private final Duration timeout;

    public HttpSender(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    /** An HTTP answer as the receiver gave it. */
    public record Answer(int status, String body, String retryAfter) {
        public DeliveryResult result() {
            return DeliveryResult.fromHttp(status, retryAfter, body, Instant.now());
        }
    }

    public DeliveryResult post(URI uri, String body, Map<String, String> headers, Map<String, String> extraHeaders) {
        try {
            return exchange(uri, body, headers, extraHeaders).result();
        } catch (IOException e) {
            return DeliveryResult.retry(unreachable(uri, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry("interrupted while sending to " + uri.getHost());
        }
    }

    /** Sends one POST and returns the receiver's answer, for callers that show it (e.g. a "send a test message" button). */
    public Answer exchange(URI uri, String body, Map<String, String> headers, Map<String, String> extraHeaders)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        extraHeaders.forEach(request::header);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After").orElse(null));
    }

    /** A one-line reason naming the host only (a URL may hold a key). */
    public static String unreachable(URI uri, Exception e) {
        return "could not reach " + uri.getHost() + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
