package io.trackerhub.timesheet.auth;

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
import io.trackerhub.timesheet.users.User;
import io.trackerhub.timesheet.users.Users;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * People: HTTP Basic (email + password), a personal bearer token ({@code tst_…}) or the page's session cookie.
 * It runs before service-kit's admin-token mechanism: a bearer token that is not a personal one is left to that
 * mechanism, so the hub admin token still works (as an admin that is not a person), and anything else is refused.
 */
@ApplicationScoped
class UserAuthMechanism implements HttpAuthenticationMechanism {

    /** The page sends this header; its 401s carry no Basic challenge, so the browser shows no password dialog. */
    public static final String PAGE_HEADER = "X-Timesheet-Page";

    private final Users users;
    private final Sessions sessions;

    public UserAuthMechanism(Users users, Sessions sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header != null) {
            if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
                Optional<String[]> credentials = basic(header.substring(6).trim());
                if (credentials.isEmpty()) {
                    return Uni.createFrom().failure(new AuthenticationFailedException("malformed Basic credentials"));
                }
                return blocking(() -> users.check(credentials.get()[0], credentials.get()[1]), "wrong email or password");
            }
            if (header.regionMatches(true, 0, "Bearer ", 0, 7) && header.substring(7).trim().startsWith(Sessions.TOKEN_PREFIX)) {
                String token = header.substring(7).trim();
                return blocking(() -> sessions.tokenUser(token), "unknown or revoked personal token");
            }
            // another bearer token: service-kit's admin-token mechanism decides
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(Sessions.COOKIE);
        if (cookie != null && !cookie.getValue().isBlank()) {
            String id = cookie.getValue();
            // an expired session is no identity at all: the page then shows its login form
            return Uni.createFrom().item(() -> sessions.user(id).map(UserAuthMechanism::identity).orElse(null))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return Uni.createFrom().nullItem();
    }

    private static Uni<SecurityIdentity> blocking(java.util.function.Supplier<Optional<User>> lookup, String failure) {
        return Uni.createFrom().item(lookup).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToUni(user -> user.isPresent() ? Uni.createFrom().item(identity(user.get()))
                        : Uni.createFrom().failure(new AuthenticationFailedException(failure)));
    }

    static SecurityIdentity identity(User user) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.email))
                .addRole(User.USER)
                .addAttribute(Caller.USER_ATTRIBUTE, user);
        if (user.isAdmin()) {
            builder.addRole(User.ADMIN);
        }
        return builder.build();
    }

    private static Optional<String[]> basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(new String[]{decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (context.request().getHeader(PAGE_HEADER) != null) {
            return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Session"));
        }
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Basic realm=\"timesheet\", charset=\"UTF-8\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public int getPriority() {
        // before service-kit's AdminTokenMechanism (default priority): it refuses every Authorization header but its own
        return DEFAULT_PRIORITY + 100;
    }
}
