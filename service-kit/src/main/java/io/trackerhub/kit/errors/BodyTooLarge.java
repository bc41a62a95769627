package io.trackerhub.kit.errors;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * A request that announces a body over {@code quarkus.http.limits.max-body-size} gets a 413 problem at once, before
 * a byte of it is read, and the connection is closed so the rest is not read either. (Quarkus's own limit, which
 * still guards chunked bodies, fails the request with 413; that failure gets the same problem here.)
 */
@ApplicationScoped
public class BodyTooLarge {

    private final long limit;

    public BodyTooLarge(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.limit = limit.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length)) {
                refuse(ctx, "the body has " + length.trim() + " bytes; at most " + limit + " are accepted");
                return;
            }
            ctx.next();
        });
        // A chunked body that grows past the limit fails the request with 413 while it is read: the same problem,
        // instead of Quarkus's empty answer (found by the reliability fuzz).
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                refuse(ctx, "the body has more than " + limit + " bytes; at most " + limit + " are accepted");
                return;
            }
            ctx.next();
        });
    }

    private static void refuse(RoutingContext ctx, String detail) {
        String body = "{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,\"detail\":\"" + detail + "\"}";
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body)
                .onComplete(done -> ctx.request().connection().close());
    }

    private boolean tooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
