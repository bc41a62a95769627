package io.trackerhub.events.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Tracker's two timestamp forms in, one canonical form out. */
public final class Timestamps {

    /** What a reader is told when a timestamp cannot be read. */
    public static final String EXPECTED = "epoch milliseconds or an ISO-8601 time like 2014-01-08T22:08:18Z";

    private Timestamps() {
    }

    /** RFC 3339 in UTC, e.g. {@code 2014-01-08T22:08:18Z}; fractions of a second only when there are some. */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** An ISO-8601 / RFC 3339 time with {@code Z} or a numeric offset. */
    public static Instant parseIso(String text) throws DateTimeParseException {
        return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    public static final class Reader extends StdScalarDeserializer<Instant> {

        public Reader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return Instant.ofEpochMilli(p.getLongValue());
            }
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                String text = p.getText();
                try {
                    return parseIso(text);
                } catch (DateTimeParseException e) {
                    throw InvalidFormatException.from(p, "not a Tracker timestamp", text, Instant.class);
                }
            }
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
        }
    }

    public static final class Writer extends StdScalarSerializer<Instant> {

        public Writer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(value));
        }
    }
}
