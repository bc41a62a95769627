package io.trackerhub.poller.tracker;

import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.rest.Pagination;
import io.trackerhub.events.rest.TrackerHttp;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;

/** A successful answer of the Tracker API: its body and its headers (first value each, names case-insensitive). */
public record TrackerResponse(int status, byte[] body, Map<String, String> headers) {

    public JsonNode json() {
        return TrackerJson.readTree(body);
    }

    /** {@code X-Tracker-Project-Version}, when the answer is about a project. */
    public Optional<Long> projectVersion() {
        String version = headers.get(TrackerHttp.PROJECT_VERSION);
        return version == null || version.isBlank() ? Optional.empty() : Optional.of(Long.parseLong(version.trim()));
    }

    /** The echoed {@code X-Tracker-Pagination-*}: what the server granted, not what was asked. */
    public Optional<Pagination> pagination() {
        return Pagination.from(headers::get);
    }
}
