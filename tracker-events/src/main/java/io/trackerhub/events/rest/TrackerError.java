package io.trackerhub.events.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.json.ReadOnly;
import io.trackerhub.events.json.TrackerResource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The body of a 4xx/5xx from the Tracker REST API ({@code kind: error}): a machine {@code code}
 * such as {@code unfound_resource} or {@code invalid_parameter}, a sentence ({@code error}), and
 * optionally what went wrong in general, how to fix it and per-field problems.
 */
@TrackerResource
public record TrackerError(
        String kind,
        String code,
        String error,
        String requirement,
        String generalProblem,
        String possibleFix,
        List<ValidationError> validationErrors,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public static final String KIND = "error";

    public TrackerError {
        validationErrors = ReadOnly.list(validationErrors);
        others = ReadOnly.fields(others);
    }

    /** An error body; fails unless it is a JSON object with {@code kind: error}. */
    public static TrackerError parse(byte[] body) throws TrackerFormatException {
        TrackerError parsed = TrackerJson.read(body, TrackerError.class);
        if (!KIND.equals(parsed.kind())) {
            throw TrackerFormatException.at("kind", "must be \"error\" in an error body, got " + (parsed.kind() == null ? "nothing" : "\"" + parsed.kind() + "\""));
        }
        return parsed;
    }

    /**
     * One line for logs and problem details: the code, the sentence, then the per-field problems
     * or else the general problem, e.g. {@code invalid_parameter: One or more request parameters
     * was missing or invalid. estimate: 17 is not a valid estimate for this project's point scale.}
     */
    public String summary() {
        StringBuilder line = new StringBuilder(code == null ? KIND : code).append(": ").append(error == null ? "" : error);
        if (validationErrors != null && !validationErrors.isEmpty()) {
            line.append(' ').append(validationErrors.stream()
                    .map(v -> v.field() + ": " + v.problem()).collect(Collectors.joining("; ")));
        } else if (generalProblem != null) {
            line.append(' ').append(generalProblem);
        }
        return line.toString().trim();
    }
}
