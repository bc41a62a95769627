package io.trackerhub.notification.delivery;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.kit.secrets.SecretBox;
import io.trackerhub.notification.Hub;
import io.trackerhub.notification.Receiver;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A channel whose URL was sealed under a key the service no longer has (a new HUB_CRYPTO_KEY without the old one in
 * HUB_CRYPTO_PREVIOUS_KEYS, as a second `./hub up` over the same database made): only that channel waits, and says
 * why; every other channel delivers, no API answers 500, and setting its URL again sends what waited.
 */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class UnopenableSecretTest {

    static Receiver receiver;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void start() {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void onlyTheChannelWhoseUrlCannotBeOpenedWaitsAndItSaysWhy() throws Exception {
        long project = Hub.uniqueProject();
        long working = slack(project, "/still-working");
        long lost = slack(project, "/lost-key");
        // sealed under another key, as by an earlier run with another HUB_CRYPTO_KEY
        String elsewhere = new SecretBox("an-earlier-run-had-this-key-0123456789abcdef", List.of()).seal(receiver.url("/lost-key"), "channel/" + lost + "/url");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("update channel set url_sealed = ? where id = ?")) {
            s.setString(1, elsewhere);
            s.setLong(2, lost);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }

        // creating a channel reloads them all: it used to answer 500 for every new channel from then on
        slack(project, "/created-after");
        Hub.admin().get("/api/channels/" + lost).then().statusCode(200)
                .body("state", equalTo("needs_secret"))
                .body("secret_error", containsString("neither HUB_CRYPTO_KEY"))
                .body("secret_error", containsString("PUT /api/channels/" + lost));
        Hub.admin().get("/api/channels").then().statusCode(200);
        Hub.admin().get("/api/channels/" + working).then().statusCode(200).body("state", equalTo("active"));
        Hub.admin().post("/api/channels/" + lost + "/test").then().statusCode(200).body("delivered", equalTo(false))
                .body("answer", containsString("cannot be opened"));

        Hub.publish(Hub.fixture(DeliveryTest.STARTED, project));

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/still-working").size() == 1 && receiver.at("/created-after").size() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> Hub.admin().get("/api/channels/" + lost).jsonPath().getString("pause_reason") != null);
        Hub.admin().get("/api/channels/" + lost).then().body("pause_reason", containsString("cannot be opened"));
        assertThat(receiver.at("/lost-key")).isEmpty();

        // its URL set again: sealed under the current key, resumed, and what waited is sent
        Hub.admin().body("""
                {"type": "slack", "name": "/lost-key", "project_ids": [%d], "publish": ["new_stories", "state_changes", "comments"],
                 "config": {"url": "%s"}, "rate_per_second": 1000}""".formatted(project, receiver.url("/lost-key")))
                .put("/api/channels/" + lost).then().statusCode(200).body("state", equalTo("active"));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/lost-key").size() == 1);
    }

    private static long slack(long project, String path) {
        return Hub.channel("""
                {"type": "slack", "name": "%s", "project_ids": [%d], "publish": ["new_stories", "state_changes", "comments"],
                 "config": {"url": "%s"}, "rate_per_second": 1000}""".formatted(path, project, receiver.url(path)));
    }
}
