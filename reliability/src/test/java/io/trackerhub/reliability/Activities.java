package io.trackerhub.reliability;

import io.trackerhub.events.kafka.Topics;
import io.trackerhub.testkit.KafkaTestClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** What is on tracker.activity now: how many records carry each ce_id (the guid), for the guids a test chooses. */
final class Activities {

    private Activities() {
    }

    static Map<String, Integer> stored(Predicate<String> guids) {
        try (KafkaTestClient kafka = Stack.get().kafkaClient()) {
            List<KafkaTestClient.Received> records = kafka.consumeAll(Topics.ACTIVITY, Duration.ofSeconds(60));
            Map<String, Integer> counts = new HashMap<>();
            for (KafkaTestClient.Received r : records) {
                String guid = r.header("ce_id");
                if (guid != null && guids.test(guid)) {
                    counts.merge(guid, 1, Integer::sum);
                }
            }
            return counts;
        }
    }

    /** Guids {@code {project}_{version}} of projects {@code first … first + count - 1}. */
    static Predicate<String> ofProjects(long first, int count) {
        return guid -> {
            int cut = guid.indexOf('_');
            if (cut < 0) {
                return false;
            }
            try {
                long project = Long.parseLong(guid.substring(0, cut));
                return project >= first && project < first + count;
            } catch (NumberFormatException e) {
                return false;
            }
        };
    }
}
