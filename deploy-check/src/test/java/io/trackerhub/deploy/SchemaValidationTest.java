package io.trackerhub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object both overlays render is valid against its kind's schema, strictly (an undeclared field fails): custom
 * resources against the CRDs their operators publish (Strimzi 1.2.0, KEDA 2.20.2; src/test/resources/schemas), the
 * built-in kinds against a JSON Schema of Kubernetes 1.36.0 (derived from its OpenAPI document) and against the fabric8
 * Kubernetes model, each in strict mode. A kind with
 * neither fails: a new kind needs its schema first.
 */
class SchemaValidationTest {

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void everyRenderedObjectIsValidAgainstItsKindsSchema(String overlay) {
        List<ObjectNode> resources = new Kustomization().render(Checkout.path(overlay));
        List<String> problems = new ArrayList<>();
        int crs = 0;
        for (ObjectNode r : resources) {
            String id = r.path("kind").asText() + "/" + r.path("metadata").path("name").asText() + ": ";
            validate(r).forEach(p -> problems.add(id + p));
            if (CrdSchemas.covers(r.path("kind").asText())) {
                crs++;
            }
        }
        assertThat(problems).as(overlay).isEmpty();
        assertThat(crs).as("custom resources checked against their CRDs").isGreaterThan(0);
    }

    @Test
    void theVendoredCrdsServeTheVersionsTheManifestsUse() {
        assertThat(CrdSchemas.BY_KIND).containsOnlyKeys("Kafka", "KafkaNodePool", "KafkaTopic", "ScaledObject",
                "PrometheusRule", "ServiceMonitor");
        assertThat(CrdSchemas.BY_KIND.get("Kafka").served()).as("Strimzi 1.x serves only v1").containsOnlyKeys("v1");
        assertThat(CrdSchemas.BY_KIND.get("KafkaTopic").served()).containsOnlyKeys("v1");
        assertThat(CrdSchemas.BY_KIND.get("KafkaNodePool").served()).containsOnlyKeys("v1");
        assertThat(CrdSchemas.BY_KIND.get("ScaledObject").served()).containsOnlyKeys("v1alpha1");
    }

    @Test
    void aV1beta2StrimziResourceFails() {
        ObjectNode kafka = find("Kafka", "trackerhub");
        kafka.put("apiVersion", "kafka.strimzi.io/v1beta2");
        assertThat(validate(kafka)).singleElement().asString().contains("v1beta2").contains("not served");
    }

    @Test
    void aFieldV1RemovedFails() {
        // v1beta2 had spec.zookeeper and spec.kafka.replicas/storage; v1 has neither (KRaft and node pools only)
        ObjectNode kafka = find("Kafka", "trackerhub");
        ((ObjectNode) kafka.path("spec").path("kafka")).put("replicas", 3);
        ((ObjectNode) kafka.path("spec")).putObject("zookeeper").put("replicas", 3);
        assertThat(validate(kafka)).anyMatch(p -> p.contains(".spec.kafka.replicas"))
                .anyMatch(p -> p.contains(".spec.zookeeper"));
    }

    @Test
    void aMisspeltFieldFailsInEveryKindOfSchema() {
        ObjectNode topic = find("KafkaTopic", "tracker-activity");
        ((ObjectNode) topic.path("spec")).put("partition", 6);
        assertThat(validate(topic)).singleElement().asString().contains("unknown field .spec.partition");

        ObjectNode pool = find("KafkaNodePool", "dual-role");
        ((ObjectNode) pool.path("spec").path("storage").path("volumes").get(0)).put("sizee", "1Gi");
        assertThat(validate(pool)).singleElement().asString().contains(".spec.storage.volumes[0].sizee");

        ObjectNode scaled = find("ScaledObject", "connector-service");
        ((ObjectNode) scaled.path("spec")).put("maxReplicas", 3);
        assertThat(validate(scaled)).singleElement().asString().contains("unknown field .spec.maxReplicas");

        ObjectNode deployment = find("Deployment", "poller-service");
        ((ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0))
                .putObject("readinesProbe").put("periodSeconds", 5);
        assertThat(validate(deployment)).as("the JSON Schema and the model both see it").hasSize(2)
                .allMatch(p -> p.contains("readinesProbe"))
                .anyMatch(p -> p.contains("1.36 schema"));
    }

    @Test
    void theKubernetesSchemaCoversEveryBuiltInKindTheManifestsUse() {
        assertThat(KubernetesJsonSchema.BY_KIND).containsOnlyKeys(KubernetesSchema.MODELS.keySet().stream()
                .filter(kind -> !CrdSchemas.covers(kind) && !kind.startsWith("Kafka")).toList());
    }

    @Test
    void aBuiltInKindsTypesEnumsAndRequiredFieldsAreChecked() {
        ObjectNode service = find("Service", "poller-service");
        ((ObjectNode) service.path("spec").path("ports").get(0)).put("port", "eighty");
        ((ObjectNode) service.path("spec")).put("type", "Balanced");
        assertThat(KubernetesJsonSchema.problems(service)).anyMatch(p -> p.contains("port"))
                .anyMatch(p -> p.contains("type"));

        ObjectNode deployment = find("Deployment", "poller-service");
        ((ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0)).remove("name");
        assertThat(KubernetesJsonSchema.problems(deployment)).singleElement().asString().contains("name");

        ObjectNode policy = find("NetworkPolicy", "default-deny");
        policy.put("apiVersion", "networking.k8s.io/v1beta1");
        assertThat(KubernetesJsonSchema.problems(policy)).singleElement().asString().contains("apiVersion");
    }

    @Test
    void aWrongTypeOrValueFails() {
        ObjectNode topic = find("KafkaTopic", "tracker-activity");
        ((ObjectNode) topic.path("spec")).put("partitions", 0);
        assertThat(validate(topic)).singleElement().asString().contains("partitions");

        ObjectNode pool = find("KafkaNodePool", "dual-role");
        ((ArrayNode) pool.path("spec").path("roles")).add("zookeeper");
        assertThat(validate(pool)).isNotEmpty();

        ObjectNode scaled = find("ScaledObject", "connector-service");
        ((ObjectNode) scaled.path("spec")).put("maxReplicaCount", "six");
        assertThat(validate(scaled)).isNotEmpty();
    }

    @Test
    void aKindWithoutASchemaFails() {
        ObjectNode unknown = find("ConfigMap", "poller-service").deepCopy();
        unknown.put("apiVersion", "example.com/v1").put("kind", "Gadget");
        assertThat(validate(unknown)).singleElement().asString().contains("no schema for kind Gadget");
    }

    @Test
    void keptUnknownFieldsAndMapsAreNotUnknown() {
        // Kafka's and KafkaTopic's config keep any key (x-kubernetes-preserve-unknown-fields); labels are a map
        ObjectNode topic = find("KafkaTopic", "tracker-activity");
        ((ObjectNode) topic.path("spec").path("config")).put("max.message.bytes", "2097152");
        ((ObjectNode) topic.path("metadata").path("labels")).put("team", "hub");
        assertThat(validate(topic)).isEmpty();
        topic.with("metadata").put("lables", "x");
        assertThat(validate(topic)).singleElement().asString().contains("lables");
    }

    @Test
    void aPrometheusRuleIsCheckedAgainstItsCrd() throws Exception {
        ObjectNode rule = (ObjectNode) Yaml.MAPPER.readTree("""
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata:
                  name: trackerhub
                spec:
                  groups:
                    - name: trackerhub
                      rules:
                        - alert: DeadLetters
                          expr: increase(hub_consumer_dead_letters_total[15m]) > 0
                          for: 5m
                          labels:
                            severity: warning
                """);
        assertThat(validate(rule)).isEmpty();
        ((ObjectNode) rule.path("spec").path("groups").get(0).path("rules").get(0)).put("for", "five minutes");
        ((ObjectNode) rule.path("spec").path("groups").get(0).path("rules").get(0)).put("severity", "warning");
        assertThat(validate(rule)).hasSize(2).anyMatch(p -> p.contains("for")).anyMatch(p -> p.contains(".severity"));
    }

    @Test
    void aServiceMonitorIsCheckedAgainstItsCrd() throws Exception {
        ObjectNode monitor = (ObjectNode) Yaml.MAPPER.readTree("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata:
                  name: poller-service
                spec:
                  selector:
                    matchLabels:
                      app.kubernetes.io/name: poller-service
                  endpoints:
                    - port: http
                      path: /q/metrics
                      interval: 30s
                """);
        assertThat(validate(monitor)).isEmpty();
        ((ObjectNode) monitor.path("spec").path("endpoints").get(0)).put("scrapeInterval", "30s");
        assertThat(validate(monitor)).singleElement().asString().contains(".spec.endpoints[0].scrapeInterval");
    }

    /**
     * Custom resources against their CRD, built-in kinds against the Kubernetes JSON Schema and the fabric8 model
     * (both must pass); anything else fails.
     */
    static List<String> validate(JsonNode resource) {
        String kind = resource.path("kind").asText();
        if (CrdSchemas.covers(kind)) {
            return CrdSchemas.problems(resource);
        }
        if (KubernetesSchema.MODELS.containsKey(kind)) {
            List<String> problems = new ArrayList<>(KubernetesJsonSchema.problems(resource));
            problems.addAll(KubernetesSchema.problems(resource));
            return problems;
        }
        return List.of("no schema for kind " + kind + " (" + resource.path("apiVersion").asText() + ")");
    }

    private static ObjectNode find(String kind, String name) {
        return new Kustomization().render(Checkout.path("k8s/overlays/prod")).stream()
                .filter(r -> r.path("kind").asText().equals(kind) && r.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }
}
