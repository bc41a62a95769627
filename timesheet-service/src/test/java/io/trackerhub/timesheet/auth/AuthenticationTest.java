package io.trackerhub.timesheet.auth;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.trackerhub.timesheet.Hub;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Basic, personal tokens (stored hashed), the page's session cookie and the hub admin token. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class AuthenticationTest {

    @Test
    void basicCredentialsIdentifyTheUserAndWrongOnesAreRefused() {
        Hub.Person lea = Hub.user("Lea");
        Hub.as(lea).get("/api/me").then().statusCode(200).body("email", equalTo(lea.email())).body("role", equalTo("user"))
                .body("$", not(org.hamcrest.Matchers.hasKey("password_hash")));
        given().auth().preemptive().basic(lea.email().toUpperCase(), Hub.PASSWORD).get("/api/me").then().statusCode(200);
        given().auth().preemptive().basic(lea.email(), "wrong password").get("/api/me").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Basic"))
                .body("detail", containsString("wrong email or password"));
        given().get("/api/me").then().statusCode(401).contentType("application/problem+json").body("detail", containsString("not logged in"));
        given().header("X-Timesheet-Page", "1").get("/api/me").then().statusCode(401).header("WWW-Authenticate", equalTo("Session"));
    }

    @Test
    void aPersonalTokenWorksUntilRevokedAndIsNeverShownAgain() {
        Hub.Person max = Hub.user("Max");
        Map<String, Object> created = Hub.as(max).body(Map.of("name", "CLI")).post("/api/me/tokens").then().statusCode(201)
                .extract().jsonPath().getMap("$");
        String token = (String) created.get("token");
        assertThat(token).startsWith("tst_").hasSizeGreaterThan(40);
        given().header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(200).body("email", equalTo(max.email()));
        Hub.as(max).get("/api/me/tokens").then().statusCode(200).body("[0].name", equalTo("CLI"))
                .body("[0]", not(org.hamcrest.Matchers.hasKey("token"))).body("[0].last_used_at", org.hamcrest.Matchers.notNullValue());

        Hub.as(max).delete("/api/me/tokens/" + created.get("id")).then().statusCode(204);
        given().header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(401)
                .body("detail", containsString("unknown or revoked personal token"));
        given().header("Authorization", "Bearer not-a-token").get("/api/me").then().statusCode(401);
    }

    @Test
    void thePageLogsInWithACookieAndOutAgain() {
        Hub.Person nia = Hub.user("Nia");
        Response login = given().contentType(ContentType.JSON).body(Map.of("email", nia.email(), "password", Hub.PASSWORD)).post("/api/session");
        login.then().statusCode(200).body("email", equalTo(nia.email()));
        assertThat(login.getHeader("Set-Cookie")).contains("timesheet_session=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        String session = login.getCookie("timesheet_session");
        given().cookie("timesheet_session", session).get("/api/me").then().statusCode(200).body("name", equalTo("Nia"));

        given().cookie("timesheet_session", session).delete("/api/session").then().statusCode(204);
        given().cookie("timesheet_session", session).get("/api/me").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("email", nia.email(), "password", "guess")).post("/api/session").then().statusCode(401)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("email", nia.email())).post("/api/session").then().statusCode(400)
                .body("errors[0].field", equalTo("password"));
    }

    @Test
    void theConfiguredFirstAdminAndTheHubAdminTokenAreAdmins() {
        Hub.admin().get("/api/me").then().statusCode(200).body("email", equalTo("admin@localhost")).body("role", equalTo("admin"));
        given().header("Authorization", "Bearer " + Hub.HUB_ADMIN_TOKEN).get("/api/users").then().statusCode(200);
        given().header("Authorization", "Bearer " + Hub.HUB_ADMIN_TOKEN).get("/admin/outbox").then().statusCode(200);
        given().header("Authorization", "Bearer " + Hub.HUB_ADMIN_TOKEN).get("/api/me").then().statusCode(403);
    }

    @Test
    void thePageIsServedWithoutLoggingIn() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html")).body(containsString("Force synchronization"));
        given().get("/app.js").then().statusCode(200);
    }
}
