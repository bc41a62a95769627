import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * ./hub's topic set-up, run as a single-file program on the broker's classpath: every topic of the `topic` lines of
 * deploy/kafka/create-topics.sh (the list deploy-check holds equal to tracker-events' Topics.ALL) with its partitions,
 * cleanup policy and retention. A topic an earlier run left with fewer partitions gets the rest; a different policy
 * or retention is set as the list says. Usage: java -cp KAFKA_CLASSPATH CreateTopics.java BOOTSTRAP create-topics.sh
 */
public class CreateTopics {

    record Wanted(String name, int partitions, String policy, String retentionMs) {
    }

    public static void main(String[] args) throws Exception {
        List<Wanted> wanted = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].equals("topic")) {
                wanted.add(new Wanted(f[1], Integer.parseInt(f[2]), f[3], f.length > 4 ? f[4] : null));
            }
        }
        if (wanted.isEmpty()) {
            throw new IllegalStateException("no 'topic NAME PARTITIONS POLICY [RETENTION_MS]' lines in " + args[1]);
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> create = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            for (Wanted w : wanted) {
                Map<String, String> configs = configs(w);
                if (!existing.contains(w.name())) {
                    create.add(new NewTopic(w.name(), w.partitions(), (short) 1).configs(configs));
                }
            }
            if (!create.isEmpty()) {
                admin.createTopics(create).all().get(30, TimeUnit.SECONDS);
            }
            Map<String, TopicDescription> described = admin.describeTopics(wanted.stream().map(Wanted::name).toList())
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            Map<ConfigResource, Config> current = admin.describeConfigs(wanted.stream()
                    .map(w -> new ConfigResource(ConfigResource.Type.TOPIC, w.name())).toList()).all().get(30, TimeUnit.SECONDS);
            Map<String, NewPartitions> grow = new HashMap<>();
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> alter = new HashMap<>();
            for (Wanted w : wanted) {
                int has = described.get(w.name()).partitions().size();
                if (has < w.partitions()) {
                    grow.put(w.name(), NewPartitions.increaseTo(w.partitions()));
                    changed.add(w.name() + " partitions " + has + " -> " + w.partitions());
                }
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, w.name());
                configs(w).forEach((key, value) -> {
                    ConfigEntry entry = current.get(resource).get(key);
                    if (entry == null || !value.equals(entry.value())) {
                        alter.computeIfAbsent(resource, r -> new ArrayList<>()).add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
                        changed.add(w.name() + " " + key + "=" + value);
                    }
                });
            }
            if (!grow.isEmpty()) {
                admin.createPartitions(grow).all().get(30, TimeUnit.SECONDS);
            }
            if (!alter.isEmpty()) {
                admin.incrementalAlterConfigs(alter).all().get(30, TimeUnit.SECONDS);
            }
            System.out.println("topics: " + create.size() + " created, " + (wanted.size() - create.size()) + " there"
                    + (changed.isEmpty() ? "" : "; set " + String.join(", ", changed)));
        }
    }

    private static Map<String, String> configs(Wanted w) {
        Map<String, String> configs = new HashMap<>();
        configs.put("cleanup.policy", w.policy());
        if (w.retentionMs() != null) {
            configs.put("retention.ms", w.retentionMs());
        }
        return configs;
    }
}
