package io.trackerhub.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The notification service's production jar started again over its database with a new {@code HUB_CRYPTO_KEY} and
 * without the old one in {@code HUB_CRYPTO_PREVIOUS_KEYS} (a lost or carelessly rotated key): the channel sealed under
 * the old key says why it waits, at start in one log line and in the API; a channel made under the new key receives
 * every activity; no API answers 5xx; setting the old channel's URL again sends what waited for it.
 */
@Order(42)
class KeyRotationTest {

    private static final int ACTIVITIES = 500;

    @Test
    @Timeout(300)
    void aRotatedKeyCostsOnlyTheChannelsSealedUnderTheOldOne() throws IOException {
        Stack stack = Stack.get();
        String name = "rotate-notification";
        Map<String, String> groups = stack.groupsFromNow(name, ConsumerRig.Service.NOTIFICATION.channels);
        List<Integer> statuses = new ArrayList<>();
        try (Receivers receiver = new Receivers(Set.of())) {
            ServiceProcess before = stack.service(App.NOTIFICATION, name, groups).startReady();
            long old = call(stack, statuses, "POST", before.url() + "/api/channels", hook("sealed under the old key", receiver.url("/old"))).get("id").asLong();
            before.terminate();

            String newKey = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
            stack.secret(newKey);
            Map<String, String> env = new LinkedHashMap<>(groups);
            env.put("HUB_CRYPTO_KEY", newKey);
            env.put("QUARKUS_DATASOURCE_JDBC_URL", stack.postgres.jdbcUrl(name.replace('-', '_')));
            ServiceProcess after = stack.service(App.NOTIFICATION, name + "-rotated", env).startReady();
            try {
                long fresh = call(stack, statuses, "POST", after.url() + "/api/channels", hook("sealed under the new key", receiver.url("/new"))).get("id").asLong();
                JsonNode oldView = call(stack, statuses, "GET", after.url() + "/api/channels/" + old, null);
                JsonNode list = call(stack, statuses, "GET", after.url() + "/api/channels", null);
                String startLine = Files.readAllLines(after.log).stream().filter(l -> l.contains("channels cannot be opened")).findFirst().orElse("");

                List<ConsumerStream.Project> projects = List.of(new ConsumerStream.Project(9_800_001L,
                        LongStream.range(0, 20).map(s -> 980_000_100L + s).boxed().toList(), false, 1.0));
                ConsumerStream stream = new ConsumerStream(29, projects, -1, ACTIVITIES, 0.0, 0.0);
                try (var producer = ConsumerStream.producer()) {
                    ConsumerStream.send(producer, stream.activitiesToSend, 500);
                }
                awaitReceived(receiver, "/new", ACTIVITIES);
                ServiceProcess.sleep(1_000);
                int oldBefore = receiver.received(p -> p.equals("/old")).size();
                JsonNode waiting = call(stack, statuses, "GET", after.url() + "/api/channels/" + old + "/deliveries?state=pending&limit=500", null);
                call(stack, statuses, "GET", after.url() + "/q/health/ready", null);

                // the operator sets the URL again: what waited is sent
                call(stack, statuses, "PUT", after.url() + "/api/channels/" + old, hook("sealed under the old key", receiver.url("/old")));
                awaitReceived(receiver, "/old", ACTIVITIES);
                JsonNode oldAfter = call(stack, statuses, "GET", after.url() + "/api/channels/" + old, null);

                Figures.record("HUB_CRYPTO_KEY replaced without the previous key",
                        "API answers=" + statuses.size() + " 5xx=" + statuses.stream().filter(s -> s >= 500).count() + "; new channel got "
                                + receiver.received(p -> p.equals("/new")).size() + " of " + ACTIVITIES + "; old channel " + oldView.path("state").asText()
                                + " (got " + oldBefore + ", " + waiting.size() + " waiting), after its URL was set again "
                                + oldAfter.path("state").asText() + " and got " + receiver.received(p -> p.equals("/old")).size() + "; start line: "
                                + startLine.replaceAll(".*(\\d+ of \\d+ channels cannot be opened)", "$1").substring(0, Math.min(80, startLine.length())));
                assertSoftly(softly -> {
                    softly.assertThat(statuses).as("API answers").allMatch(s -> s < 500);
                    softly.assertThat(oldView.path("state").asText()).isEqualTo("needs_secret");
                    softly.assertThat(oldView.path("secret_error").asText()).contains("HUB_CRYPTO_PREVIOUS_KEYS");
                    softly.assertThat(list.size()).as("channels listed").isEqualTo(2);
                    softly.assertThat(startLine).as("the start line").contains("1 of 1 channels cannot be opened").contains("[" + old + "]");
                    softly.assertThat(Receivers.counts(receiver.received(p -> p.equals("/new")))).as("the new channel's activities, each once").hasSize(ACTIVITIES)
                            .allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
                    softly.assertThat(oldBefore).as("sent to the old channel while its URL could not be opened").isZero();
                    softly.assertThat(waiting.size()).as("deliveries waiting for the old channel").isEqualTo(ACTIVITIES);
                    softly.assertThat(oldAfter.path("state").asText()).isEqualTo("active");
                    softly.assertThat(Receivers.counts(receiver.received(p -> p.equals("/old")))).as("the old channel's activities after the PUT, each once")
                            .hasSize(ACTIVITIES).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
                });
                assertThat(fresh).isNotEqualTo(old);
            } finally {
                after.terminate();
            }
        }
    }

    private static String hook(String name, String url) {
        return "{\"type\": \"webhook\", \"name\": \"" + name + "\", \"config\": {\"url\": \"" + url + "\", \"version\": \"v5\"}}";
    }

    /** An admin call whose status is recorded; its body as JSON. */
    private static JsonNode call(Stack stack, List<Integer> statuses, String method, String url, String json) {
        HttpResponse<String> response = stack.call(method, url, stack.adminToken, json);
        statuses.add(response.statusCode());
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return Stack.read(response.body());
    }

    private static void awaitReceived(Receivers receiver, String path, int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (receiver.received(p -> p.equals(path)).size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " got " + receiver.received(p -> p.equals(path)).size() + " of " + n + " in 120 s");
            }
            ServiceProcess.sleep(500);
        }
    }
}
