package io.trackerhub.connector.tokens;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * {@code Authorization: Bearer hubr_…}: an API token made with {@code POST /api/tokens}, holding its role. It runs
 * before service-kit's admin-token mechanism, which refuses every bearer token but the admin one: any other bearer
 * token is left to that mechanism (so the admin token still works and an unknown token is a 401 problem).
 */
@ApplicationScoped
class ApiTokenMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;

    public ApiTokenMechanism(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().nullItem();
        }
        String secret = header.substring(BEARER.length()).trim();
        if (!secret.startsWith(ApiTokens.PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(() -> tokens.find(secret)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToUni(found -> found.isPresent()
                        ? Uni.createFrom().item((SecurityIdentity) QuarkusSecurityIdentity.builder()
                                .setPrincipal(new QuarkusPrincipal("token " + found.get().id() + " (" + found.get().label() + ")"))
                                .addRole(found.get().role()).build())
                        : Uni.createFrom().failure(new AuthenticationFailedException("unknown or deleted API token")));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public int getPriority() {
        // before service-kit's AdminTokenMechanism (default priority)
        return DEFAULT_PRIORITY + 100;
    }
}
