package io.trackerhub.poller.tracker;

import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.rest.Pagination;
import io.trackerhub.events.rest.TrackerHttp;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpHeaders;
import java.util.Optional;

/** A successful answer of the Tracker API: its body and the headers a sync needs. */
public record TrackerResponse(int status, byte[] body, HttpHeaders headers) {

    public JsonNode json() {
        return TrackerJson.readTree(body);
    }

    /** {@code X-Tracker-Project-Version}, when the answer is about a project. */
    public Optional<Long> projectVersion() {
        return headers.firstValue(TrackerHttp.PROJECT_VERSION).map(v -> Long.parseLong(v.trim()));
    }

    /** The echoed {@code X-Tracker-Pagination-*}: what the server granted, not what was asked. */
    public Optional<Pagination> pagination() {
        return Pagination.from(name -> headers.firstValue(name).orElse(null));
    }
}
