package io.trackerhub.bench.baseline;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.apache.kafka.clients.producer.KafkaProducer;
import io.trackerhub.kit.kafka.ProducerSettings;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The baseline of bench/ingest: the least a web hook endpoint that answers only after Kafka has the record can do.
 * Same path shape as webhook-ingest-service, the body bytes sent unchanged to {@code tracker.activity} (key = the
 * path's integration id, no headers) with the service's producer settings (service-kit's ProducerSettings), 200 after the ack.
 * No signature check, no validation, no parsing, no duplicate or gap bookkeeping, no metrics.
 *
 * <p>{@code /webhooks/...} is Quarkus REST's default for a method returning a CompletionStage: it runs on the
 * Vert.x event loop. {@code /blocking/webhooks/...} is the same with {@code @Blocking} (a worker thread, as the
 * service does), for telling the cost of that hop apart from the cost of the service's work.
 */
@ApplicationScoped
@Path("/")
public class PassThroughResource {

    static final String TOPIC = "tracker.activity";
    /** webhook-ingest-service's hub.ingest.ack-timeout default, from which its producer derives two timeouts. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);

    /** The answer, in the shape of the service's ({@code id, topic, duplicate}); id = partition-offset. */
    public record Stored(String id, String topic, boolean duplicate) {
    }

    private final KafkaProducer<String, byte[]> producer;

    @Inject
    public PassThroughResource(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.producer = new KafkaProducer<>(ProducerSettings.acknowledged(kafka, ACK_TIMEOUT, "bench-baseline"), new StringSerializer(), new ByteArraySerializer());
    }

    @POST
    @Path("webhooks/tracker/{integrationId}/{sig}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Stored> receive(@PathParam("integrationId") String integrationId, @PathParam("sig") String sig, byte[] body) {
        return send(integrationId, body);
    }

    @POST
    @Path("blocking/webhooks/tracker/{integrationId}/{sig}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public CompletionStage<Stored> receiveBlocking(@PathParam("integrationId") String integrationId, @PathParam("sig") String sig, byte[] body) {
        return send(integrationId, body);
    }

    private CompletionStage<Stored> send(String integrationId, byte[] body) {
        CompletableFuture<Stored> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(TOPIC, integrationId, body), (metadata, error) -> {
                if (error == null) {
                    acked.complete(new Stored(metadata.partition() + "-" + metadata.offset(), TOPIC, false));
                } else {
                    acked.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
