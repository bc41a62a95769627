package io.trackerhub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Custom resources against the CustomResourceDefinitions their operators publish (vendored under
 * src/test/resources/schemas, see the README there): the apiVersion must be one the CRD serves, the object must be
 * valid against that version's {@code openAPIV3Schema} (types, enums, patterns, required fields, minimums), and
 * validation is strict as in {@code kubectl apply --validate=strict}: a field the structural schema does not declare
 * is an error (Kubernetes would silently prune it), unless the schema keeps unknown fields there
 * ({@code x-kubernetes-preserve-unknown-fields}, e.g. Kafka's {@code config}) or declares a map
 * ({@code additionalProperties}). {@code metadata} is checked against the Kubernetes ObjectMeta model.
 */
final class CrdSchemas {

    /** The vendored CRDs, one file each. */
    static final List<String> FILES = List.of(
            "/schemas/strimzi/040-Crd-kafka.yaml",
            "/schemas/strimzi/043-Crd-kafkatopic.yaml",
            "/schemas/strimzi/045-Crd-kafkanodepool.yaml",
            "/schemas/keda/keda.sh_scaledobjects.yaml",
            "/schemas/prometheus-operator/monitoring.coreos.com_prometheusrules.yaml",
            "/schemas/prometheus-operator/monitoring.coreos.com_servicemonitors.yaml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

    /** One served version of a CRD: its schema as published and the JSON Schema validator built from it. */
    record Version(JsonNode openApiSchema, JsonSchema validator) {
    }

    /** A CRD: its group and its served versions by name. */
    record Crd(String group, String kind, Map<String, Version> served) {
    }

    /** kind -> CRD, read once. */
    static final Map<String, Crd> BY_KIND = load();

    private CrdSchemas() {
    }

    private static Map<String, Crd> load() {
        Map<String, Crd> crds = new LinkedHashMap<>();
        for (String file : FILES) {
            JsonNode crd;
            try (InputStream in = CrdSchemas.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("missing vendored CRD " + file);
                }
                crd = YAML.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(file, e);
            }
            if (!crd.path("kind").asText().equals("CustomResourceDefinition")) {
                throw new IllegalStateException(file + " is not a CustomResourceDefinition");
            }
            Map<String, Version> served = new LinkedHashMap<>();
            for (JsonNode v : crd.path("spec").path("versions")) {
                if (v.path("served").asBoolean()) {
                    JsonNode schema = v.path("schema").path("openAPIV3Schema");
                    served.put(v.path("name").asText(), new Version(schema, FACTORY.getSchema(schema)));
                }
            }
            String kind = crd.path("spec").path("names").path("kind").asText();
            crds.put(kind, new Crd(crd.path("spec").path("group").asText(), kind, served));
        }
        return crds;
    }

    static boolean covers(String kind) {
        return BY_KIND.containsKey(kind);
    }

    /** The problems of one custom resource; empty when it is valid. */
    static List<String> problems(JsonNode resource) {
        String kind = resource.path("kind").asText();
        Crd crd = BY_KIND.get(kind);
        List<String> problems = new ArrayList<>();
        if (crd == null) {
            problems.add("no vendored CRD for kind " + kind);
            return problems;
        }
        String apiVersion = resource.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        Version served = crd.served().get(version);
        if (!group.equals(crd.group()) || served == null) {
            problems.add(kind + " " + apiVersion + " is not served by its CRD (served: "
                    + crd.group() + "/" + String.join(", ", crd.served().keySet()) + ")");
            return problems;
        }
        for (ValidationMessage m : served.validator().validate(resource)) {
            problems.add(kind + ": " + m.getMessage());
        }
        Iterator<Map.Entry<String, JsonNode>> fields = resource.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equals("metadata")) {
                metadata(f.getValue(), kind, problems);
            } else {
                unknownFields(f.getValue(), served.openApiSchema().path("properties").path(f.getKey()),
                        "." + f.getKey(), kind, problems);
            }
        }
        Iterator<String> names = resource.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!served.openApiSchema().path("properties").has(name)) {
                problems.add(kind + ": unknown field ." + name);
            }
        }
        return problems;
    }

    /**
     * Kubernetes' structural-schema rule: below an object node only the declared properties exist; a map
     * ({@code additionalProperties} with a schema) takes any key; {@code x-kubernetes-preserve-unknown-fields} keeps
     * undeclared ones. anyOf/oneOf/allOf may not declare properties of their own in a structural schema, so the
     * node's own {@code properties} are the whole list.
     */
    private static void unknownFields(JsonNode value, JsonNode schema, String path, String kind, List<String> problems) {
        if (schema.isMissingNode()) {
            return; // reported by the parent
        }
        if (value.isArray()) {
            int i = 0;
            for (JsonNode item : value) {
                unknownFields(item, schema.path("items"), path + "[" + i++ + "]", kind, problems);
            }
            return;
        }
        if (!value.isObject()) {
            return;
        }
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        JsonNode declared = schema.path("properties");
        JsonNode map = schema.path("additionalProperties");
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String child = path + "." + f.getKey();
            if (declared.has(f.getKey())) {
                unknownFields(f.getValue(), declared.get(f.getKey()), child, kind, problems);
            } else if (map.isObject()) {
                unknownFields(f.getValue(), map, child, kind, problems);
            } else if (!preserve && !map.asBoolean(false)) {
                problems.add(kind + ": unknown field " + child);
            }
        }
    }

    /** metadata is not in a CRD's schema (the API server checks it as ObjectMeta): read it into the model. */
    private static void metadata(JsonNode metadata, String kind, List<String> problems) {
        try {
            ObjectMeta meta = KubernetesSchema.MAPPER.treeToValue(metadata, ObjectMeta.class);
            if (!meta.getAdditionalProperties().isEmpty()) {
                problems.add(kind + ": unknown field(s) in .metadata " + meta.getAdditionalProperties().keySet());
            }
        } catch (IOException e) {
            problems.add(kind + ": .metadata does not read as ObjectMeta: " + e.getMessage());
        }
    }
}
