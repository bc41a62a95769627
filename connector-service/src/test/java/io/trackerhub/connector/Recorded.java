package io.trackerhub.connector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.testkit.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Recorded real answers of the external systems, under {@code fixtures/<system>/} at the top of the repository (each
 * file's origin in that folder's README). Tests serve them from WireMock as they are, or with the ids a test needs
 * put in, never typed by hand.
 */
public final class Recorded {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Recorded() {
    }

    /** A file as recorded, e.g. {@code text("jira", "search-jql-page1.json")}. */
    public static String text(String system, String file) {
        try {
            return Files.readString(Fixtures.repositoryFile("fixtures/" + system + "/" + file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A recorded JSON answer, to put a test's ids in. */
    public static ObjectNode json(String system, String file) {
        try {
            return (ObjectNode) JSON.readTree(text(system, file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
