package io.trackerhub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the features k8s/ uses: resources (files and
 * directories with their own kustomization.yaml), components (kind Component: their resources, generators and patches
 * applied to the including kustomization's resources), secretGenerator literals, configMapGenerator files and
 * literals (with options.labels), patches (strategic merge, lists of containers merged by name, and JSON 6902
 * add/replace/remove) with or without a target, images, labels and namespace (which renames a Namespace object, as
 * kustomize does, and sets it on the others). A missing file, a patch that matches nothing or a path that does not
 * exist fails the rendering, as it fails kustomize.
 */
final class Kustomization {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Files a kustomization referenced (resources and patches), to tell manifests from patches. */
    final Set<Path> referenced = new LinkedHashSet<>();
    final Set<Path> patchFiles = new LinkedHashSet<>();

    List<ObjectNode> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        require(file);
        referenced.add(file.normalize());
        ObjectNode k = Yaml.object(file);
        List<ObjectNode> out = new ArrayList<>();
        addResources(dir, k, out);
        for (JsonNode c : k.path("components")) {
            applyComponent(dir.resolve(c.asText()).normalize(), out);
        }
        generateAndPatch(dir, k, out);
        for (JsonNode image : k.path("images")) {
            applyImage(image, out);
        }
        for (JsonNode labels : k.path("labels")) {
            for (ObjectNode r : out) {
                ObjectNode meta = r.with("metadata");
                labels.path("pairs").fields().forEachRemaining(e -> meta.with("labels").set(e.getKey(), e.getValue()));
            }
        }
        if (k.hasNonNull("namespace")) {
            for (ObjectNode r : out) {
                if (r.path("kind").asText().equals("Namespace")) {
                    r.with("metadata").put("name", k.get("namespace").asText());
                } else {
                    r.with("metadata").put("namespace", k.get("namespace").asText());
                }
            }
        }
        return out;
    }

    /** A kustomize Component: its resources join, then its generators and patches act on everything so far. */
    private void applyComponent(Path dir, List<ObjectNode> out) {
        Path file = dir.resolve("kustomization.yaml");
        require(file);
        referenced.add(file.normalize());
        ObjectNode k = Yaml.object(file);
        if (!k.path("kind").asText().equals("Component")) {
            throw new IllegalStateException(file + ": a component must be kind Component");
        }
        addResources(dir, k, out);
        generateAndPatch(dir, k, out);
    }

    /** The {@code resources} of a kustomization or component: files read, folders rendered as kustomizations. */
    private void addResources(Path dir, ObjectNode k, List<ObjectNode> out) {
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            require(p);
            if (Files.isDirectory(p)) {
                out.addAll(render(p));
            } else {
                referenced.add(p);
                for (JsonNode doc : Yaml.documents(p)) {
                    if (!doc.isObject()) {
                        throw new IllegalStateException(p + ": a resource document must be a mapping");
                    }
                    out.add((ObjectNode) doc);
                }
            }
        }
    }

    private void generateAndPatch(Path dir, ObjectNode k, List<ObjectNode> out) {
        for (JsonNode g : k.path("secretGenerator")) {
            out.add(secret(g));
        }
        for (JsonNode g : k.path("configMapGenerator")) {
            out.add(configMap(dir, g));
        }
        for (JsonNode patch : k.path("patches")) {
            applyPatch(dir, patch, out);
        }
    }

    private ObjectNode configMap(Path dir, JsonNode generator) {
        ObjectNode cm = NODES.objectNode();
        cm.put("apiVersion", "v1").put("kind", "ConfigMap");
        ObjectNode meta = cm.putObject("metadata");
        meta.put("name", generator.get("name").asText());
        if (generator.path("options").has("labels")) {
            meta.set("labels", generator.path("options").path("labels").deepCopy());
        }
        ObjectNode data = cm.putObject("data");
        for (JsonNode f : generator.path("files")) {
            String spec = f.asText();
            int eq = spec.indexOf('=');
            String key = eq > 0 ? spec.substring(0, eq) : Path.of(spec).getFileName().toString();
            Path p = dir.resolve(eq > 0 ? spec.substring(eq + 1) : spec).normalize();
            require(p);
            referenced.add(p);
            data.put(key, Yaml.read(p));
        }
        for (JsonNode literal : generator.path("literals")) {
            String text = literal.asText();
            int eq = text.indexOf('=');
            data.put(text.substring(0, eq), text.substring(eq + 1));
        }
        return cm;
    }

    private static ObjectNode secret(JsonNode generator) {
        ObjectNode s = NODES.objectNode();
        s.put("apiVersion", "v1").put("kind", "Secret");
        s.putObject("metadata").put("name", generator.get("name").asText());
        s.put("type", "Opaque");
        ObjectNode data = s.putObject("data");
        for (JsonNode literal : generator.path("literals")) {
            String text = literal.asText();
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new IllegalStateException("secretGenerator literal without KEY=: " + text);
            }
            data.put(text.substring(0, eq),
                    Base64.getEncoder().encodeToString(text.substring(eq + 1).getBytes(StandardCharsets.UTF_8)));
        }
        return s;
    }

    private void applyPatch(Path dir, JsonNode entry, List<ObjectNode> resources) {
        JsonNode patch;
        if (entry.hasNonNull("path")) {
            Path p = dir.resolve(entry.get("path").asText()).normalize();
            require(p);
            referenced.add(p);
            patchFiles.add(p);
            patch = Yaml.documents(p).get(0);
        } else {
            patch = Yaml.MAPPER.valueToTree(entry.get("patch").asText());
        }
        JsonNode target = entry.path("target");
        List<ObjectNode> matches = new ArrayList<>();
        for (ObjectNode r : resources) {
            boolean match;
            if (!target.isMissingNode()) {
                match = matches(target, "kind", r.path("kind")) && matches(target, "name", r.path("metadata").path("name"));
            } else {
                match = r.path("kind").equals(patch.path("kind"))
                        && r.path("metadata").path("name").equals(patch.path("metadata").path("name"));
            }
            if (match) {
                matches.add(r);
            }
        }
        if (matches.isEmpty()) {
            throw new IllegalStateException(dir + ": patch " + entry + " matches no resource");
        }
        for (ObjectNode r : matches) {
            if (patch.isArray()) {
                for (JsonNode op : patch) {
                    jsonPatch(r, op);
                }
            } else {
                ObjectNode strategic = ((ObjectNode) patch).deepCopy();
                strategic.remove("metadata");
                merge(r, strategic);
            }
        }
    }

    private static boolean matches(JsonNode target, String field, JsonNode value) {
        return !target.hasNonNull(field) || target.get(field).asText().equals(value.asText());
    }

    /** Strategic merge: mappings merge, lists of named mappings merge by name, other lists are replaced. */
    static void merge(ObjectNode into, ObjectNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode existing = into.get(f.getKey());
            JsonNode value = f.getValue();
            if (value.isNull()) {
                into.remove(f.getKey());
            } else if (existing instanceof ObjectNode o && value.isObject()) {
                merge(o, (ObjectNode) value);
            } else if (existing instanceof ArrayNode a && value.isArray() && named(a) && named(value)) {
                for (JsonNode item : value) {
                    ObjectNode same = null;
                    for (JsonNode old : a) {
                        if (old.get("name").equals(item.get("name"))) {
                            same = (ObjectNode) old;
                        }
                    }
                    if (same != null) {
                        merge(same, (ObjectNode) item);
                    } else {
                        a.add(item.deepCopy());
                    }
                }
            } else {
                into.set(f.getKey(), value.deepCopy());
            }
        }
    }

    private static boolean named(JsonNode list) {
        for (JsonNode item : list) {
            if (!item.isObject() || !item.hasNonNull("name")) {
                return false;
            }
        }
        return !list.isEmpty();
    }

    private static void jsonPatch(ObjectNode resource, JsonNode op) {
        String path = op.get("path").asText();
        String[] parts = path.substring(1).split("/");
        JsonNode parent = resource;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.isArray() ? parent.path(Integer.parseInt(parts[i])) : parent.path(unescape(parts[i]));
            if (parent.isMissingNode()) {
                throw new IllegalStateException("JSON patch path " + path + " does not exist in "
                        + resource.path("kind").asText() + " " + resource.path("metadata").path("name").asText());
            }
        }
        String last = unescape(parts[parts.length - 1]);
        String kind = op.get("op").asText();
        boolean exists = parent.isArray() ? !last.equals("-") && parent.has(Integer.parseInt(last)) : parent.has(last);
        if ((kind.equals("replace") || kind.equals("remove")) && !exists) {
            throw new IllegalStateException("JSON patch " + kind + " of a missing " + path + " in "
                    + resource.path("kind").asText() + " " + resource.path("metadata").path("name").asText());
        }
        switch (kind) {
            case "add", "replace" -> {
                if (parent instanceof ObjectNode o) {
                    o.set(last, op.get("value").deepCopy());
                } else if (last.equals("-")) {
                    ((ArrayNode) parent).add(op.get("value").deepCopy());
                } else if (kind.equals("add")) {
                    ((ArrayNode) parent).insert(Integer.parseInt(last), op.get("value").deepCopy());
                } else {
                    ((ArrayNode) parent).set(Integer.parseInt(last), op.get("value").deepCopy());
                }
            }
            case "remove" -> {
                if (parent instanceof ObjectNode o) {
                    o.remove(last);
                } else {
                    ((ArrayNode) parent).remove(Integer.parseInt(last));
                }
            }
            default -> throw new IllegalStateException("unsupported JSON patch op " + kind);
        }
    }

    private static String unescape(String part) {
        return part.replace("~1", "/").replace("~0", "~");
    }

    private static void applyImage(JsonNode image, List<ObjectNode> resources) {
        String name = image.get("name").asText();
        int used = 0;
        for (ObjectNode r : resources) {
            for (JsonNode c : r.path("spec").path("template").path("spec").path("containers")) {
                String current = c.path("image").asText();
                int colon = current.lastIndexOf(':');
                String repo = colon > current.lastIndexOf('/') ? current.substring(0, colon) : current;
                String tag = colon > current.lastIndexOf('/') ? current.substring(colon + 1) : "latest";
                if (repo.equals(name)) {
                    String newRepo = image.hasNonNull("newName") ? image.get("newName").asText() : repo;
                    String newTag = image.hasNonNull("newTag") ? image.get("newTag").asText() : tag;
                    ((ObjectNode) c).put("image", newRepo + ":" + newTag);
                    used++;
                }
            }
        }
        if (used == 0) {
            throw new IllegalStateException("images: " + name + " is used by no container");
        }
    }

    private static void require(Path p) {
        if (!Files.exists(p)) {
            throw new IllegalStateException("kustomization references a missing file: " + Checkout.ROOT.relativize(p));
        }
    }
}
