package io.trackerhub.connector.tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.connector.ExternalSystems;
import io.trackerhub.connector.Hub;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import io.trackerhub.testkit.TrackerSimulatorResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.everyItem;

/** Reader tokens: made by the admin, shown once, stored hashed, good for the read APIs only. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TrackerSimulatorResource.class)
@WithTestResource(ExternalSystems.class)
class ApiTokenTest {

    static io.restassured.specification.RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json");
    }

    @Test
    void aReaderTokenReadsDatasetsButCannotCallAdminApis() throws Exception {
        var created = Hub.admin().body("{\"role\": \"reader\", \"label\": \"Domo stories\"}").post("/api/tokens").then().statusCode(201)
                .body("role", equalTo("reader")).body("label", equalTo("Domo stories")).extract().jsonPath();
        String token = created.getString("token");
        long id = created.getLong("id");
        assertThat(token).startsWith("hubr_").hasSizeGreaterThan(40);

        // shown once: the list has no token, the database only its SHA-256
        Hub.admin().get("/api/tokens").then().statusCode(200).body("token", everyItem(equalTo(null))).body("$", everyItem(not(hasKey("token"))));
        try (Connection c = PostgresDatabase.database().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select * from connector.api_token where id = " + id)) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                assertThat(String.valueOf(rs.getString(i))).doesNotContain(token.substring(5));
            }
            assertThat(rs.getString("token_sha256")).isEqualTo(io.trackerhub.kit.secrets.BearerSecrets.sha256(token));
        }

        for (String path : new String[]{"/api/datasets/stories", "/api/datasets/projects", "/api/datasets/epics", "/api/datasets/notifications",
                "/api/roadmaps/1/items", "/api/flow-items?project_id=1"}) {
            as(token).get(path).then().statusCode(200);
        }
        as(token).get("/api/connectors").then().statusCode(403).contentType("application/problem+json");
        as(token).get("/api/links?story_id=1").then().statusCode(403);
        as(token).body("{\"role\": \"reader\", \"label\": \"more\"}").post("/api/tokens").then().statusCode(403);
        as(token).get("/admin/outbox").then().statusCode(403);
        // the admin token still calls everything
        Hub.admin().get("/api/datasets/stories").then().statusCode(200);

        // an unknown or revoked token is no one
        as("hubr_not-a-token").get("/api/datasets/stories").then().statusCode(401).contentType("application/problem+json");
        as("some-other-token").get("/api/datasets/stories").then().statusCode(401);
        given().get("/api/datasets/stories").then().statusCode(401);
        Hub.admin().delete("/api/tokens/" + id).then().statusCode(204);
        as(token).get("/api/datasets/stories").then().statusCode(401);
    }

    @Test
    void aTokenNeedsTheReaderRoleAndALabel() {
        Hub.admin().body("{\"role\": \"admin\", \"label\": \"x\"}").post("/api/tokens").then().statusCode(400)
                .body("errors[0].field", equalTo("role"));
        Hub.admin().body("{\"role\": \"reader\"}").post("/api/tokens").then().statusCode(400).body("errors[0].field", equalTo("label"));
        given().contentType("application/json").body("{\"role\": \"reader\", \"label\": \"x\"}").post("/api/tokens").then().statusCode(401);
    }
}
