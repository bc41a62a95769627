package io.trackerhub.connector.connectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * A validated connector request. {@code trackerToken} null keeps the stored token; {@code secrets} are the ones given
 * (PUT keeps stored ones left out).
 */
public record ConnectorSpec(ConnectorType type, String name, String trackerBaseUrl, long trackerProjectId, String trackerToken,
                            ObjectNode config, Map<String, String> secrets) {
}
