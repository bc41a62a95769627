package io.trackerhub.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a resource against its API model (fabric8 kubernetes-model, generated from the Kubernetes OpenAPI schema;
 * Strimzi's io.strimzi:api, from which its CRDs are generated): it must have the expected apiVersion, read into the model's types (a string where a
 * number belongs fails), and leave nothing in any object's additionalProperties (a misspelt or misplaced field
 * lands there instead of failing, so each is reported with its path).
 */
final class KubernetesSchema {

    /** kind -> apiVersion and model class: the built-in kinds k8s/ uses and Strimzi's (its io.strimzi:api model). */
    static final Map<String, Map.Entry<String, Class<?>>> MODELS = Map.ofEntries(
            Map.entry("Namespace", Map.entry("v1", Namespace.class)),
            Map.entry("Deployment", Map.entry("apps/v1", Deployment.class)),
            Map.entry("Service", Map.entry("v1", Service.class)),
            Map.entry("ConfigMap", Map.entry("v1", ConfigMap.class)),
            Map.entry("Secret", Map.entry("v1", Secret.class)),
            Map.entry("PodDisruptionBudget", Map.entry("policy/v1", PodDisruptionBudget.class)),
            Map.entry("Ingress", Map.entry("networking.k8s.io/v1", Ingress.class)),
            Map.entry("NetworkPolicy", Map.entry("networking.k8s.io/v1", NetworkPolicy.class)),
            Map.entry("HorizontalPodAutoscaler", Map.entry("autoscaling/v2", HorizontalPodAutoscaler.class)),
            Map.entry("Kafka", Map.entry("kafka.strimzi.io/v1", Kafka.class)),
            Map.entry("KafkaNodePool", Map.entry("kafka.strimzi.io/v1", KafkaNodePool.class)),
            Map.entry("KafkaTopic", Map.entry("kafka.strimzi.io/v1", KafkaTopic.class)));

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private KubernetesSchema() {
    }

    /** The problems of one resource; empty when it is valid. */
    static List<String> problems(JsonNode resource) {
        String kind = resource.path("kind").asText();
        Map.Entry<String, Class<?>> expected = MODELS.get(kind);
        List<String> problems = new ArrayList<>();
        if (expected == null) {
            problems.add("no schema for kind " + kind);
            return problems;
        }
        if (!expected.getKey().equals(resource.path("apiVersion").asText())) {
            problems.add(kind + " needs apiVersion " + expected.getKey() + ", not " + resource.path("apiVersion"));
        }
        Object model;
        try {
            model = MAPPER.treeToValue(resource, expected.getValue());
        } catch (Exception e) {
            problems.add("does not read as " + kind + ": " + e.getMessage());
            return problems;
        }
        unknownFields(model, kind, problems, Collections.newSetFromMap(new IdentityHashMap<>()));
        return problems;
    }

    private static void unknownFields(Object value, String path, List<String> problems, Set<Object> seen) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?>) {
            return;
        }
        if (!seen.add(value)) {
            return; // reached again through another getter
        }
        if (value instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, problems, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.") && !value.getClass().getName().startsWith("io.strimzi.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else {
                unknownFields(child, path + "." + property(getter.getName()), problems, seen);
            }
        }
    }

    private static String property(String getter) {
        return Character.toLowerCase(getter.charAt(3)) + getter.substring(4);
    }
}
