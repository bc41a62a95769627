package io.trackerhub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Built-in kinds against a JSON Schema of Kubernetes 1.36.0 (src/test/resources/schemas/kubernetes, derived from the
 * Kubernetes OpenAPI document through kubernetes-models; see the README there): every object closed
 * ({@code additionalProperties: false}, so a misspelt field fails as in {@code kubectl apply --validate=strict}),
 * types, enums, required fields and the apiVersion/kind constants. A second, independent derivation beside
 * {@link KubernetesSchema}'s fabric8 model.
 */
final class KubernetesJsonSchema {

    static final String FILE = "/schemas/kubernetes/kinds.schema.json";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    /** kind -> validator, one per property of the generated {@code Kinds} definition. */
    static final Map<String, JsonSchema> BY_KIND = load();

    private KubernetesJsonSchema() {
    }

    private static Map<String, JsonSchema> load() {
        ObjectNode root;
        try (InputStream in = KubernetesJsonSchema.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("missing vendored schema " + FILE);
            }
            root = (ObjectNode) KubernetesSchema.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(FILE, e);
        }
        Map<String, JsonSchema> schemas = new LinkedHashMap<>();
        root.path("definitions").path("Kinds").path("properties").fields().forEachRemaining(kind -> {
            ObjectNode one = root.deepCopy();
            one.put("$ref", kind.getValue().path("$ref").asText());
            schemas.put(kind.getKey(), FACTORY.getSchema(one));
        });
        return schemas;
    }

    /** The problems of one built-in resource; empty when it is valid. */
    static List<String> problems(JsonNode resource) {
        String kind = resource.path("kind").asText();
        JsonSchema schema = BY_KIND.get(kind);
        List<String> problems = new ArrayList<>();
        if (schema == null) {
            problems.add("no Kubernetes JSON Schema for kind " + kind);
            return problems;
        }
        for (ValidationMessage m : schema.validate(resource)) {
            problems.add(kind + " (Kubernetes 1.36 schema): " + m.getMessage());
        }
        return problems;
    }
}
