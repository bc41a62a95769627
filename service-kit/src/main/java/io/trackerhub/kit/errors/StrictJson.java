package io.trackerhub.kit.errors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies may name a field once. {@code {"name": 0, "name": "x"}} is refused as unreadable JSON (400, naming
 * the field), rather than one of the two silently winning — and rather than the 500 that Jackson's "no fallback
 * setter" error gave for records with a creator (found by the reliability fuzz).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
