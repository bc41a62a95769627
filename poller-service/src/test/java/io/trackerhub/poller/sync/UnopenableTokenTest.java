package io.trackerhub.poller.sync;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trackerhub.kit.secrets.SecretBox;
import io.trackerhub.poller.Hub;
import io.trackerhub.poller.integrations.Integration;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import io.trackerhub.testkit.TrackerSimulatorResource;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A token sealed under a key the poller no longer has stops that integration only, which says why; a new token resumes it. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TrackerSimulatorResource.class)
class UnopenableTokenTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anIntegrationWhoseTokenCannotBeOpenedWaitsForANewOneAndTheOthersArePolled() throws Exception {
        Map<String, Object> world = TrackerSimulatorResource.seed(721, 1, 10);
        Map<String, Object> other = TrackerSimulatorResource.seed(722, 1, 10);
        String token = (String) world.get("api_token");
        long lost = Hub.link(token, Hub.projectIds(world));
        long fine = Hub.link((String) other.get("api_token"), Hub.projectIds(other));
        Hub.awaitSettled(lost, Duration.ofSeconds(60));
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("update integration set token_sealed = ? where id = ?")) {
            s.setString(1, new SecretBox("an-earlier-run-had-this-key-0123456789abcdef", List.of()).seal(token, Integration.tokenContext(lost)));
            s.setLong(2, lost);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }

        Hub.admin().post("/api/integrations/" + lost + "/sync").then().statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "error".equals(Hub.integration(lost).getString("state")));
        JsonPath stopped = Hub.integration(lost);
        assertThat(stopped.getString("last_error")).startsWith("token cannot be opened").contains("neither HUB_CRYPTO_KEY")
                .contains("PUT /api/integrations/" + lost + "/token");
        Hub.admin().get("/api/integrations").then().statusCode(200);
        assertThat(Hub.forceSync(fine).getString("state")).isEqualTo("ok");

        Hub.admin().body(Map.of("api_token", token)).put("/api/integrations/" + lost + "/token").then().statusCode(200);
        assertThat(Hub.awaitSettled(lost, Duration.ofSeconds(60)).getString("state")).isEqualTo("ok");
    }
}
