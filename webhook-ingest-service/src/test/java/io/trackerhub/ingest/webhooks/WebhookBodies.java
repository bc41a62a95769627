package io.trackerhub.ingest.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.kit.webhooks.WebhookSignature;
import io.trackerhub.testkit.Fixtures;

import java.util.concurrent.ThreadLocalRandom;

/** Real Tracker bodies moved to a project of the test's own, and URLs signed with the test key. */
final class WebhookBodies {

    static final WebhookSignature SIGNATURE = new WebhookSignature("dev-webhook-key-not-for-production-00000");

    private WebhookBodies() {
    }

    static long randomId() {
        return ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000_000L);
    }

    static String url(long integrationId) {
        return SIGNATURE.path(integrationId);
    }

    /** The real "started" web hook, as if it came from {@code projectId} at {@code version}. */
    static String started(long projectId, long version) {
        ObjectNode body = (ObjectNode) TrackerJson.readTree(Fixtures.read("webhook-v5/zulip_v5_started.json"));
        ((ObjectNode) body.get("project")).put("id", projectId);
        body.put("project_version", version);
        body.put("guid", projectId + "_" + version);
        return TrackerJson.writeString(body);
    }
}
