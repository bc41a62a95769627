package io.trackerhub.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.trackerhub.events.json.JsonErrors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one ObjectMapper configuration for Tracker JSON, and reading helpers that fail with a
 * {@link TrackerFormatException} instead of a Jackson exception.
 *
 * <p>Reading is strict about types ({@code "81"} is not an integer, {@code 1.5} is not an id) and
 * lenient about fields (unknown ones are kept by the models, not rejected). Writing leaves null
 * fields out and writes time as RFC 3339 strings.
 */
public final class TrackerJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // A string where Tracker sends a number (or the reverse) means the body is not what we think it is.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private TrackerJson() {
    }

    /** The shared mapper. Use it as it is: reconfiguring it would change every service's wire format. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Any JSON value; fails on an empty body and on a syntax error (with line and column). */
    public static JsonNode readTree(byte[] body) {
        if (isBlank(body)) {
            throw TrackerFormatException.of("body is empty");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw JsonErrors.syntax("JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode readTree(String body) {
        return readTree(body.getBytes(StandardCharsets.UTF_8));
    }

    /** One JSON object as a model, e.g. {@code read(body, Story.class)}. */
    public static <T> T read(byte[] body, Class<T> type) {
        JsonNode tree = readTree(body);
        if (!tree.isObject()) {
            throw TrackerFormatException.of("body must be a JSON object, got " + JsonErrors.describe(tree));
        }
        return convert(tree, type);
    }

    /** A JSON array of objects as models, e.g. a page of {@code /projects/{id}/stories}. */
    public static <T> List<T> readList(byte[] body, Class<T> type) {
        JsonNode tree = readTree(body);
        if (!tree.isArray()) {
            throw TrackerFormatException.of("body must be a JSON array, got " + JsonErrors.describe(tree));
        }
        List<T> items = new ArrayList<>(tree.size());
        for (int i = 0; i < tree.size(); i++) {
            try {
                items.add(convert(tree.get(i), type));
            } catch (TrackerFormatException e) {
                throw e.within("[" + i + "]");
            }
        }
        return Collections.unmodifiableList(items);
    }

    /** A tree already read as a model; errors name the field path inside {@code tree}. */
    public static <T> T convert(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw JsonErrors.mapping(e, tree);
        } catch (JsonProcessingException e) {
            throw TrackerFormatException.of("body is not valid: " + e.getOriginalMessage());
        }
    }

    public static byte[] writeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static String writeString(Object value) {
        return new String(writeBytes(value), StandardCharsets.UTF_8);
    }

    /** A model as a JSON tree, in the same shape {@link #writeBytes} writes. */
    public static ObjectNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    private static boolean isBlank(byte[] body) {
        return body == null || firstSignificantByte(body) < 0;
    }

    /** Index of the first byte that is neither a UTF-8 byte order mark nor whitespace; -1 if none. */
    public static int firstSignificantByte(byte[] body) {
        int i = 0;
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        for (; i < body.length; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return i;
            }
        }
        return -1;
    }
}
