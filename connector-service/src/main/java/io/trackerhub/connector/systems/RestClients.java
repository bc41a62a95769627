package io.trackerhub.connector.systems;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.trackerhub.connector.ConnectorSettings;
import io.trackerhub.connector.connectors.Connector;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.UriBuilder;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The REST clients of the external systems and of Tracker, built per connector at run time (each connector has its
 * own base URL and credentials) with the connect and answer timeout, no redirects followed and {@link HttpFailures}
 * reading every answer that is not a success. A client is kept while its connector is unchanged: a connector saved
 * again (new URL or credentials) gets a new one, and the old one is closed once no call can still be using it.
 */
@ApplicationScoped
public class RestClients {

    /** What a request carries to prove who sends it; it never appears in a failure's message. */
    public interface Auth extends ClientRequestFilter {
    }

    /** Nothing: a public API. */
    public static Auth none() {
        return request -> {
        };
    }

    public static Auth header(String name, String value) {
        return request -> request.getHeaders().putSingle(name, value);
    }

    /** Parameters added to the query of every GET (Bugzilla 5.0–5.2 read the API key only there or in a body). */
    public static Auth queryOfGets(Map<String, String> parameters) {
        return new Auth() {
            @Override
            public void filter(ClientRequestContext request) {
                if ("GET".equals(request.getMethod())) {
                    UriBuilder uri = UriBuilder.fromUri(request.getUri());
                    parameters.forEach(uri::queryParam);
                    request.setUri(uri.build());
                }
            }
        };
    }

    private record Key(long connectorId, Class<?> api, String baseUrl) {
    }

    private record Built(Instant version, Object client) {
    }

    private record Retired(Instant at, Object client) {
    }

    private final Map<Key, Built> clients = new ConcurrentHashMap<>();
    /** Clients replaced or forgotten, closed once no call can still be using them (twice the timeout later). */
    private final java.util.Queue<Retired> retired = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Duration timeout;

    public RestClients(ConnectorSettings settings) {
        this.timeout = settings.httpTimeout();
    }

    /** The client of {@code api} at {@code baseUrl} for this connector, as it is now. */
    public <T> T of(Connector c, Class<T> api, String system, String baseUrl, Auth auth) {
        return of(c, api, system, baseUrl, auth, UnaryOperator.identity());
    }

    public <T> T of(Connector c, Class<T> api, String system, String baseUrl, Auth auth, UnaryOperator<SystemFailure> refine) {
        Key key = new Key(c.id(), api, baseUrl);
        Instant version = Objects.requireNonNullElse(c.updatedAt(), Instant.EPOCH);
        Built built = clients.compute(key, (k, current) -> {
            if (current != null && !current.version().isBefore(version)) {
                // the same connector, or a call still under way for it as it was before its last save
                return current;
            }
            if (current != null) {
                retire(current.client());
            }
            return new Built(version, build(api, system, baseUrl, auth, refine));
        });
        closeRetired();
        return api.cast(built.client());
    }

    /** Forgets the clients of a deleted connector. */
    public void forget(long connectorId) {
        clients.entrySet().removeIf(entry -> {
            if (entry.getKey().connectorId() == connectorId) {
                retire(entry.getValue().client());
                return true;
            }
            return false;
        });
        closeRetired();
    }

    /** A call begun on the old client (an import while the connector is saved) goes on: it is closed later. */
    private void retire(Object client) {
        retired.add(new Retired(Instant.now(), client));
    }

    private void closeRetired() {
        Instant before = Instant.now().minus(timeout.multipliedBy(2));
        for (Retired r = retired.peek(); r != null && r.at().isBefore(before); r = retired.peek()) {
            if (retired.remove(r)) {
                close(r.client());
            }
        }
    }

    private <T> T build(Class<T> api, String system, String baseUrl, Auth auth, UnaryOperator<SystemFailure> refine) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .register(new HttpFailures(system, refine), 1)
                .register(auth)
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle("User-Agent", "TrackerHub-connector"))
                .build(api);
    }

    private static void close(Object client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // a client that cannot close holds no state of ours
            }
        }
    }

    @PreDestroy
    void closeAll() {
        clients.values().forEach(built -> close(built.client()));
        clients.clear();
        retired.forEach(r -> close(r.client()));
        retired.clear();
    }
}
