package io.trackerhub.kit.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Admin APIs take {@code Authorization: Bearer $HUB_ADMIN_TOKEN}. A resource method asks for it with
 * {@code @RolesAllowed(Roles.ADMIN)}; a missing or wrong token is a 401 problem (see ProblemMappers).
 * The comparison is constant-time so that the token cannot be guessed byte by byte from response times.
 */
@ApplicationScoped
public class AdminTokenMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "bearer ";

    private final byte[] adminToken;

    public AdminTokenMechanism(@ConfigProperty(name = "hub.admin-token") Optional<String> adminToken) {
        this.adminToken = adminToken.filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            // another scheme (a service's own Basic login, say) is another mechanism's business
            return Uni.createFrom().optional(Optional.empty());
        }
        if (adminToken != null && MessageDigest.isEqual(adminToken, header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8))) {
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("admin"))
                    .addRole(Roles.ADMIN)
                    .build());
        }
        return Uni.createFrom().failure(new AuthenticationFailedException("wrong admin token"));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }
}
