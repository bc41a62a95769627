package io.trackerhub.connector.systems;

import io.trackerhub.connector.connectors.Connector;
import io.trackerhub.connector.connectors.ConnectorType;

import java.util.List;

/**
 * What the connector does with one kind of external system: read its import list and single items, and write story
 * comments and state changes back to a linked ticket. Calls throw {@link SystemFailure}.
 */
public interface ExternalSystem {

    /** What a write-back did: ids of comments it created in the system, and a problem to note on the link (or null). */
    record Written(List<String> externalCommentIds, String problem) {
        public static Written comment(String id) {
            return new Written(id == null ? List.of() : List.of(id), null);
        }

        public static Written nothingToNote() {
            return new Written(List.of(), null);
        }

        public static Written problem(String problem) {
            return new Written(List.of(), problem);
        }
    }

    ConnectorType type();

    /** An example of the system's URL, for a message about a URL setting. */
    default String exampleUrl() {
        return "https://example.com";
    }

    /**
     * Checks and completes the settings of this type after the rules all types share (see {@link ConfigCheck});
     * throws a {@code ProblemException} naming the field.
     */
    default void checkConfig(ConfigCheck config) {
    }

    /**
     * A page of at most {@code perPage} items in the connector's filter, view, bin or product: the first when
     * {@code cursor} is null, else the one a previous page's {@link ImportPage#next()} named.
     */
    ImportPage importList(Connector connector, String cursor, int perPage);

    /**
     * The cursor of page {@code page} (2 or more) without reading the pages before it, for systems that page by
     * number; empty where a page is reached only from the one before (Jira Cloud's tokens).
     */
    default java.util.Optional<String> cursorOfPage(Connector connector, int page) {
        return java.util.Optional.of(String.valueOf(page));
    }

    /** One item by its external id, for importing it. */
    ExternalItem item(Connector connector, String externalId);

    /** The item's page for people, where a link leads. */
    String url(Connector connector, String externalId);

    /** Whether this write-back means a call to the system (e.g. Jira leaves finished and delivered stories in progress). */
    default boolean takes(Connector connector, WriteBack writeBack) {
        return false;
    }

    default Written writeBack(Connector connector, WriteBack writeBack) {
        throw new UnsupportedOperationException(type().label() + " takes no write-back");
    }
}
