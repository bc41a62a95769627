package io.trackerhub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.kafka.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * k8s/: every file parses, the base and both overlays render (a kustomize of our own, see {@link Kustomization}),
 * every built-in resource is valid against the Kubernetes model, and what is deployed matches the services'
 * configuration, their images and tracker-events' topics.
 */
class KubernetesManifestsTest {

    private static final String KAFKA_CLUSTER = "trackerhub";
    /** Secrets the prod overlay expects to exist (not in Git), with their keys: docs/deploy.md lists them. */
    private static final Map<String, Set<String>> EXTERNAL_SECRETS = Map.of(
            "trackerhub-secrets", Set.of("HUB_ADMIN_TOKEN", "HUB_CRYPTO_KEY", "HUB_WEBHOOK_KEY"),
            "trackerhub-postgres", Set.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                    "QUARKUS_DATASOURCE_PASSWORD"),
            "trackerhub-timesheet-admin", Set.of("HUB_TIMESHEET_ADMIN_PASSWORD"));

    @Test
    void everyFileUnderK8sParsesAndIsUsedByAKustomization() throws IOException {
        Kustomization kustomize = new Kustomization();
        for (String overlay : List.of("dev", "prod")) {
            kustomize.render(Checkout.path("k8s/overlays/" + overlay));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Checkout.path("k8s"))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertThat(Yaml.documents(file)).as("%s", file).isNotEmpty();
            assertThat(kustomize.referenced).as("%s is rendered by an overlay", Checkout.ROOT.relativize(file))
                    .contains(file.normalize());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod"})
    void rendersResourcesWithKindNameAndNoDuplicates(String dir) {
        List<ObjectNode> resources = new Kustomization().render(Checkout.path(dir));
        Set<String> ids = new HashSet<>();
        for (ObjectNode r : resources) {
            assertThat(r.path("apiVersion").asText()).as("apiVersion of %s", r).isNotBlank();
            assertThat(r.path("kind").asText()).as("kind of %s", r).isNotBlank();
            String name = r.path("metadata").path("name").asText();
            assertThat(name).as("metadata.name of %s", r.path("kind")).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
            assertThat(ids.add(r.path("kind").asText() + "/" + name)).as("unique %s/%s", r.path("kind"), name).isTrue();
            if (!dir.equals("k8s/base") && !r.path("kind").asText().equals("Namespace")) {
                assertThat(r.path("metadata").path("namespace").asText()).isNotBlank();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void resourcesAreValidAgainstTheKubernetesAndStrimziModels(String overlay) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode r : new Kustomization().render(Checkout.path(overlay))) {
            // KEDA's and the Prometheus Operator's kinds have no Java model here: KubernetesOperationsTest reads them
            if (!r.path("apiVersion").asText().startsWith("keda.sh/")
                    && !r.path("apiVersion").asText().startsWith("monitoring.coreos.com/")) {
                KubernetesSchema.problems(r).forEach(p -> problems.add(r.path("metadata").path("name").asText() + ": " + p));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void schemaCheckReportsAMisspeltField() {
        ObjectNode deployment = find(new Kustomization().render(Checkout.path("k8s/base")), "Deployment", "poller-service");
        ((ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0))
                .putObject("readinesProbe").put("periodSeconds", 5);
        assertThat(KubernetesSchema.problems(deployment)).singleElement().asString().contains("readinesProbe");
    }

    @Test
    void schemaCheckReportsAKafkaTopicFieldStrimziDoesNotHave() {
        ObjectNode topic = kinds(new Kustomization().render(Checkout.path("k8s/base")), "KafkaTopic").get(0);
        ((ObjectNode) topic.path("spec")).put("partition", 6);
        assertThat(KubernetesSchema.problems(topic)).singleElement().asString().contains("partition");
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void everyServiceDeploymentHasProbesResourcesAndAServiceOnItsPort(String overlay) {
        List<ObjectNode> resources = new Kustomization().render(Checkout.path(overlay));
        for (String module : Checkout.SERVICES) {
            ServiceConfig config = ServiceConfig.of(module);
            ObjectNode deployment = find(resources, "Deployment", module);
            JsonNode pod = deployment.path("spec").path("template");
            JsonNode container = pod.path("spec").path("containers").get(0);
            assertThat(container.path("image").asText()).as("image of %s", module).contains("trackerhub/" + module + ":");
            JsonNode port = container.path("ports").get(0);
            assertThat(port.path("containerPort").asInt()).as("port of %s", module).isEqualTo(config.port());
            assertThat(port.path("name").asText()).isEqualTo("http");
            assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).startsWith("/q/health/");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(container.path(probe).path("httpGet").path("port").asText()).isEqualTo("http");
            }
            for (String bound : List.of("requests", "limits")) {
                assertThat(container.path("resources").path(bound).path("memory").asText()).as("%s memory %s", module, bound)
                        .matches("[0-9]+Mi");
            }
            assertThat(container.path("resources").path("requests").path("cpu").asText()).isNotBlank();
            int preStop = container.path("lifecycle").path("preStop").path("exec").path("command").path(1).asInt(0);
            assertThat(pod.path("spec").path("terminationGracePeriodSeconds").asLong())
                    .as("grace period of %s", module).isGreaterThan(config.shutdownSeconds() + preStop);
            assertThat(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
            assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();

            JsonNode labels = pod.path("metadata").path("labels");
            List<ObjectNode> services = resources.stream().filter(r -> r.path("kind").asText().equals("Service"))
                    .filter(s -> selects(s.path("spec").path("selector"), labels)).toList();
            assertThat(services).as("Services selecting %s", module).hasSize(1);
            JsonNode servicePort = services.get(0).path("spec").path("ports").get(0);
            assertThat(servicePort.path("port").asInt()).isEqualTo(config.port());
            assertThat(servicePort.path("targetPort").asText()).isEqualTo("http");
            assertThat(deployment.path("spec").path("selector").path("matchLabels").fields()).toIterable().isNotEmpty();
            assertThat(selects(deployment.path("spec").path("selector").path("matchLabels"), labels)).isTrue();
            ObjectNode pdb = find(resources, "PodDisruptionBudget", module);
            assertThat(selects(pdb.path("spec").path("selector").path("matchLabels"), labels)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void everyServiceGetsTheVariablesItsConfigurationReadsFromConfigMapAndSecrets(String overlay) {
        List<ObjectNode> resources = new Kustomization().render(Checkout.path(overlay));
        String docs = Yaml.read(Checkout.path("docs/deploy.md"));
        String bootstrap = KAFKA_CLUSTER + "-kafka-bootstrap:" + find(resources, "Kafka", KAFKA_CLUSTER)
                .path("spec").path("kafka").path("listeners").get(0).path("port").asInt();
        for (String module : Checkout.SERVICES) {
            JsonNode container = find(resources, "Deployment", module).path("spec").path("template").path("spec")
                    .path("containers").get(0);
            Set<String> provided = new LinkedHashSet<>();
            boolean configMap = false;
            boolean secret = false;
            for (JsonNode from : container.path("envFrom")) {
                if (from.has("configMapRef")) {
                    configMap = true;
                    ObjectNode cm = find(resources, "ConfigMap", from.path("configMapRef").path("name").asText());
                    cm.path("data").fieldNames().forEachRemaining(provided::add);
                    if (cm.path("data").has("KAFKA_BOOTSTRAP_SERVERS")) {
                        assertThat(cm.path("data").path("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo(bootstrap);
                    }
                } else {
                    secret = true;
                    String name = from.path("secretRef").path("name").asText();
                    ObjectNode generated = resources.stream().filter(r -> r.path("kind").asText().equals("Secret")
                            && r.path("metadata").path("name").asText().equals(name)).findFirst().orElse(null);
                    if (generated != null) {
                        generated.path("data").fieldNames().forEachRemaining(provided::add);
                    } else {
                        assertThat(EXTERNAL_SECRETS).as("Secret %s is known", name).containsKey(name);
                        assertThat(docs).as("docs/deploy.md documents Secret %s", name).contains(name);
                        EXTERNAL_SECRETS.get(name).forEach(key -> assertThat(docs).contains(key));
                        provided.addAll(EXTERNAL_SECRETS.get(name));
                    }
                }
            }
            assertThat(configMap).as("%s: env from a ConfigMap", module).isTrue();
            assertThat(secret).as("%s: env from a Secret", module).isTrue();
            assertThat(provided).as("variables of %s", module).containsAll(ServiceConfig.of(module).requiredVariables());
        }
    }

    @Test
    void devOverlayRunsOneReplicaAndProdUsesRegistryImages() {
        for (ObjectNode d : kinds(new Kustomization().render(Checkout.path("k8s/overlays/dev")), "Deployment")) {
            assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(1);
        }
        for (ObjectNode d : kinds(new Kustomization().render(Checkout.path("k8s/overlays/prod")), "Deployment")) {
            String module = d.path("metadata").path("name").asText();
            assertThat(d.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(d.path("spec").path("template").path("spec").path("containers").get(0).path("image").asText())
                    .matches("[a-z0-9.-]+/trackerhub/" + module + ":[0-9][0-9.]*");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void servicesReadingNoKafkaSettingGetNoneAndNoScalingOnKafkaLag(String overlay) {
        List<ObjectNode> resources = new Kustomization().render(Checkout.path(overlay));
        List<String> withoutKafka = Checkout.SERVICES.stream().filter(m -> !ServiceConfig.of(m).usesKafka()).toList();
        assertThat(withoutKafka).as("the archive publishes and consumes nothing").contains("tracker-archive");
        for (String module : withoutKafka) {
            assertThat(find(resources, "ConfigMap", module).path("data").has("KAFKA_BOOTSTRAP_SERVERS"))
                    .as("%s reads no Kafka setting", module).isFalse();
            assertThat(kinds(resources, "ScaledObject")).as("ScaledObject scaling %s", module)
                    .noneMatch(s -> s.path("spec").path("scaleTargetRef").path("name").asText().equals(module));
        }
    }

    @Test
    void ingestIsReachableThroughItsIngressAndScalesOnCpu() {
        List<ObjectNode> resources = new Kustomization().render(Checkout.path("k8s/overlays/prod"));
        String ingest = "webhook-ingest-service";
        ObjectNode ingress = find(resources, "Ingress", ingest);
        JsonNode backend = ingress.path("spec").path("rules").get(0).path("http").path("paths").get(0).path("backend");
        ObjectNode service = find(resources, "Service", backend.path("service").path("name").asText());
        assertThat(service.path("spec").path("ports").findValuesAsText("name"))
                .contains(backend.path("service").path("port").path("name").asText());
        ObjectNode hpa = find(resources, "HorizontalPodAutoscaler", ingest);
        assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(ingest);
        assertThat(hpa.path("spec").path("metrics").get(0).path("resource").path("name").asText()).isEqualTo("cpu");
        assertThat(find(resources, "Deployment", ingest).path("spec").path("template").path("spec").path("containers")
                .get(0).path("resources").path("requests").has("cpu")).as("CPU utilisation needs a CPU request").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void everyTopicOfTrackerEventsHasAKafkaTopicOnAKraftCluster(String overlay) {
        List<ObjectNode> resources = new Kustomization().render(Checkout.path(overlay));
        ObjectNode kafka = find(resources, "Kafka", KAFKA_CLUSTER);
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled");
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/node-pools").asText()).isEqualTo("enabled");
        assertThat(kafka.path("spec").has("zookeeper")).isFalse();
        List<ObjectNode> pools = kinds(resources, "KafkaNodePool");
        assertThat(pools).allMatch(p -> p.path("metadata").path("labels").path("strimzi.io/cluster").asText()
                .equals(KAFKA_CLUSTER));
        Set<String> roles = new HashSet<>();
        int brokers = 0;
        for (ObjectNode pool : pools) {
            pool.path("spec").path("roles").forEach(r -> roles.add(r.asText()));
            if (ComposeFileTest.texts(pool.path("spec").path("roles")).contains("broker")) {
                brokers += pool.path("spec").path("replicas").asInt();
            }
        }
        assertThat(roles).containsExactlyInAnyOrder("controller", "broker");

        List<ObjectNode> topics = kinds(resources, "KafkaTopic");
        assertThat(topics).hasSameSizeAs(Topics.ALL);
        for (Topics.Topic t : Topics.ALL) {
            ObjectNode topic = topics.stream().filter(k -> k.path("spec").path("topicName").asText().equals(t.name()))
                    .findFirst().orElseThrow(() -> new AssertionError("no KafkaTopic for " + t.name()));
            assertThat(topic.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1");
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(KAFKA_CLUSTER);
            // Topics.ALL's partitions at least; the prod overlay raises the busy topics to docs/scaling.md's figures
            assertThat(topic.path("spec").path("partitions").asInt()).as(t.name()).isGreaterThanOrEqualTo(t.partitions());
            if (overlay.endsWith("dev")) {
                assertThat(topic.path("spec").path("partitions").asInt()).as(t.name()).isEqualTo(t.partitions());
            }
            assertThat(topic.path("spec").path("replicas").asInt()).as(t.name()).isBetween(1, brokers);
            JsonNode config = topic.path("spec").path("config");
            assertThat(config.path("cleanup.policy").asText()).as(t.name()).isEqualTo(t.compacted() ? "compact" : "delete");
            if (!t.compacted()) {
                assertThat(config.path("retention.ms").asLong()).as("retention of %s", t.name()).isPositive();
            }
        }
        long minIsr = kafka.path("spec").path("kafka").path("config").path("min.insync.replicas").asLong(1);
        assertThat(minIsr).as("acks=all producers need min.insync.replicas <= brokers").isLessThanOrEqualTo(brokers);
    }

    @Test
    void prodPartitionsAndBrokerStorageAreThoseOfTheScalingDoc() {
        List<ObjectNode> resources = new Kustomization().render(Checkout.path("k8s/overlays/prod"));
        String scaling = Yaml.read(Checkout.path("docs/scaling.md"));
        for (Topics.Topic t : Topics.ALL) {
            // the table row: | `topic` | today | **for this load** | why |
            Matcher row = Pattern
                    .compile("\\| `" + Pattern.quote(t.name()) + "`[^|]*\\| [0-9]+ \\| \\*\\*([0-9]+)\\*\\* \\|")
                    .matcher(scaling);
            ObjectNode topic = kinds(resources, "KafkaTopic").stream()
                    .filter(k -> k.path("spec").path("topicName").asText().equals(t.name())).findFirst().orElseThrow();
            int partitions = topic.path("spec").path("partitions").asInt();
            if (row.find()) {
                assertThat(partitions).as("prod partitions of %s = docs/scaling.md", t.name())
                        .isEqualTo(Integer.parseInt(row.group(1)));
            } else {
                assertThat(partitions).as("prod partitions of %s (not raised in docs/scaling.md)", t.name())
                        .isEqualTo(t.partitions());
            }
        }
        Matcher storage = Pattern.compile("\\*\\*([0-9]+) Gi per broker\\*\\*")
                .matcher(scaling);
        assertThat(storage.find()).as("docs/scaling.md names the broker storage").isTrue();
        for (ObjectNode pool : kinds(resources, "KafkaNodePool")) {
            for (JsonNode volume : pool.path("spec").path("storage").path("volumes")) {
                assertThat(volume.path("size").asText()).as("prod broker volume").isEqualTo(storage.group(1) + "Gi");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void noScaledObjectScalesBeyondThePartitionsOfTheTopicsItReads(String overlay) {
        List<ObjectNode> resources = new Kustomization().render(Checkout.path(overlay));
        for (ObjectNode scaled : kinds(resources, "ScaledObject")) {
            int most = 0;
            for (JsonNode trigger : scaled.path("spec").path("triggers")) {
                if (trigger.path("type").asText().equals("kafka")) {
                    String name = trigger.path("metadata").path("topic").asText();
                    most = Math.max(most, kinds(resources, "KafkaTopic").stream()
                            .filter(k -> k.path("spec").path("topicName").asText().equals(name)).findFirst()
                            .orElseThrow(() -> new AssertionError("no KafkaTopic " + name))
                            .path("spec").path("partitions").asInt());
                }
            }
            if (most > 0) {
                // a consumer beyond the partitions of every topic it reads would sit idle
                assertThat(scaled.path("spec").path("maxReplicaCount").asInt())
                        .as("maxReplicaCount of %s", scaled.path("metadata").path("name").asText()).isLessThanOrEqualTo(most);
            }
        }
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        var fields = selector.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!labels.path(f.getKey()).equals(f.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static List<ObjectNode> kinds(List<ObjectNode> resources, String kind) {
        return resources.stream().filter(r -> r.path("kind").asText().equals(kind)).toList();
    }

    private static ObjectNode find(List<ObjectNode> resources, String kind, String name) {
        return resources.stream().filter(r -> r.path("kind").asText().equals(kind)
                        && r.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }
}
