package io.trackerhub.kit.auth;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class AdminTokenTest {

    static final String TOKEN = "dev-admin-token-not-for-production-0000";

    @jakarta.inject.Inject
    io.trackerhub.kit.secrets.SecretBox box;
    @jakarta.inject.Inject
    io.trackerhub.kit.webhooks.WebhookSignature signature;

    @Test
    void configuredBeansOfTheKitAreInjectableWithTheDevSecrets() {
        org.assertj.core.api.Assertions.assertThat(box.open(box.seal("t0k3n", "integration/1/token"), "integration/1/token")).isEqualTo("t0k3n");
        org.assertj.core.api.Assertions.assertThat(signature.verify("1", signature.sign(1))).isTrue();
    }

    @Test
    void adminTokenOpensAdminApis() {
        given().header("Authorization", "Bearer " + TOKEN).get("/kit-probe/admin").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void missingTokenIs401ProblemTellingWhatToSend() {
        given().get("/kit-probe/admin").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("detail", containsString("Authorization: Bearer"));
    }

    @Test
    void wrongTokenIs401Problem() {
        given().header("Authorization", "Bearer " + TOKEN + "x").get("/kit-probe/admin").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Basic " + TOKEN).get("/kit-probe/admin").then().statusCode(401)
                .contentType("application/problem+json");
    }
}
