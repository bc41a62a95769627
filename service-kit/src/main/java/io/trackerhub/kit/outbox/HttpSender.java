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

    public DeliveryResult post(URI uri, String body, Map<String, String> headers, Map<String, String> extraHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        extraHeaders.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return DeliveryResult.fromHttp(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                    response.body(), Instant.now());
        } catch (IOException e) {
            return DeliveryResult.retry("could not reach " + uri.getHost() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry("interrupted while sending to " + uri.getHost());
        }
    }
}
