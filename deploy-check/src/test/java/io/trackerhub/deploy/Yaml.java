package io.trackerhub.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads YAML files, multi-document ones included, into Jackson trees. */
final class Yaml {

    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

    private Yaml() {
    }

    /** Every non-empty document of {@code file}; a file that is not valid YAML fails with its name. */
    static List<JsonNode> documents(Path file) {
        // document by document (a MappingIterator would split a top-level list, e.g. a JSON patch, into documents)
        try (JsonParser parser = MAPPER.getFactory().createParser(file.toFile())) {
            List<JsonNode> all = new ArrayList<>();
            while (parser.nextToken() != null) {
                JsonNode doc = MAPPER.readTree(parser);
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    all.add(doc);
                }
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("not valid YAML: " + file, e);
        }
    }

    /** The single mapping document of {@code file}. */
    static ObjectNode object(Path file) {
        List<JsonNode> docs = documents(file);
        if (docs.size() != 1 || !docs.get(0).isObject()) {
            throw new IllegalStateException(file + ": expected one YAML mapping, found " + docs.size() + " documents");
        }
        return (ObjectNode) docs.get(0);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
