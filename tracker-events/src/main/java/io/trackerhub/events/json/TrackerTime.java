package io.trackerhub.events.json;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Tracker timestamp: read from epoch milliseconds (web hooks, {@code date_format=millis}) or an
 * ISO-8601 string (REST), always written as an RFC 3339 UTC string such as
 * {@code 2014-01-08T22:08:18Z}. On the field itself so that any ObjectMapper agrees.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@JacksonAnnotationsInside
@JsonSerialize(using = Timestamps.Writer.class)
@JsonDeserialize(using = Timestamps.Reader.class)
public @interface TrackerTime {
}
