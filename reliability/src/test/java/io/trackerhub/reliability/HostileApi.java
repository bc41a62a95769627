package io.trackerhub.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A service's public operations as its own /q/openapi documents them, so that an endpoint added tomorrow is
 * attacked tomorrow without anyone editing the hostile tests. Each operation knows its path and query parameters
 * and, when it takes a JSON body, an example body built from the schema (every property, plausible values).
 */
final class HostileApi {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** One documented operation. {@code example} is null when it takes no JSON body. */
    record Operation(ServiceProcess service, String method, String path, List<String> pathParams, List<String> queryParams,
                     JsonNode example) {

        boolean takesBody() {
            return example != null;
        }

        @Override
        public String toString() {
            return service.instance + " " + method + " " + path;
        }
    }

    private HostileApi() {
    }

    /** Every operation of the service's OpenAPI document, in document order. */
    static List<Operation> operations(ServiceProcess service, String receiverUrl) {
        HttpResponse<String> doc = Stack.get().call("GET", service.url() + "/q/openapi?format=json", null, null);
        if (doc.statusCode() != 200) {
            throw new AssertionError(service.instance + " /q/openapi answered " + doc.statusCode());
        }
        JsonNode root = Stack.read(doc.body());
        JsonNode schemas = root.path("components").path("schemas");
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                List<String> pathParams = new ArrayList<>();
                List<String> queryParams = new ArrayList<>();
                List<JsonNode> parameters = new ArrayList<>();
                path.getValue().path("parameters").forEach(parameters::add);
                op.getValue().path("parameters").forEach(parameters::add);
                for (JsonNode p : parameters) {
                    String in = p.path("in").asText();
                    if (in.equals("path") && !pathParams.contains(p.path("name").asText())) {
                        pathParams.add(p.path("name").asText());
                    } else if (in.equals("query") && !queryParams.contains(p.path("name").asText())) {
                        queryParams.add(p.path("name").asText());
                    }
                }
                JsonNode content = op.getValue().path("requestBody").path("content");
                JsonNode example = null;
                if (content.isObject() && content.size() > 0) {
                    JsonNode json = content.has("application/json") ? content.get("application/json") : content.elements().next();
                    example = example(json.path("schema"), schemas, receiverUrl, 0);
                }
                operations.add(new Operation(service, op.getKey().toUpperCase(Locale.ROOT), path.getKey(), pathParams, queryParams, example));
            }
        }
        return operations;
    }

    /** A plausible value of the schema: objects with every property, URLs at the local receiver, enums' first value. */
    static JsonNode example(JsonNode schema, JsonNode schemas, String receiverUrl, int depth) {
        if (depth > 6) {
            return NODES.nullNode();
        }
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replaceFirst("^#/components/schemas/", "");
            if (name.endsWith("JsonNode") || name.endsWith("ObjectNode")) {
                return NODES.objectNode(); // free-form JSON: the schema describes Jackson's class, not the body
            }
            return example(schemas.path(name), schemas, receiverUrl, depth + 1);
        }
        for (String combined : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.has(combined) && schema.get(combined).size() > 0) {
                return example(schema.get(combined).get(0), schemas, receiverUrl, depth + 1);
            }
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").isArray() ? schema.path("type").path(0).asText() : schema.path("type").asText("");
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> f = schema.path("properties").fields(); f.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = f.next();
                    if (!field.getValue().path("readOnly").asBoolean(false)) {
                        object.set(field.getKey(), example(field.getValue(), schemas, receiverUrl, depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(example(schema.path("items"), schemas, receiverUrl, depth + 1));
                return array;
            }
            case "integer" -> {
                return NODES.numberNode(1);
            }
            case "number" -> {
                return NODES.numberNode(1.5);
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            case "string" -> {
                return NODES.textNode(switch (schema.path("format").asText("")) {
                    case "date-time" -> "2026-01-05T09:00:00Z";
                    case "date" -> "2026-01-05";
                    case "duration" -> "PT1H";
                    case "uri", "url" -> receiverUrl;
                    case "email" -> "fuzz@example.com";
                    default -> "fuzz";
                });
            }
            default -> {
                return schema.has("properties") ? example(((ObjectNode) schema.deepCopy()).put("type", "object"), schemas, receiverUrl, depth)
                        : NODES.textNode("fuzz");
            }
        }
    }
}
