package io.trackerhub.notification.messages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;

/**
 * The body of Tracker's Activity Web Hook for an activity: v5 JSON as Tracker sent it (its {@code occurred_at} in
 * epoch milliseconds, not the hub's canonical RFC 3339), or the legacy v3 XML {@code <activity>}.
 */
public final class WebhookBody {

    public static final String V5 = "v5";
    public static final String V3 = "v3";

    private WebhookBody() {
    }

    public static String of(Activity activity, String version) {
        return V3.equals(version) ? Activities.toV3Xml(activity) : v5(activity);
    }

    public static String contentType(String version) {
        return V3.equals(version) ? "application/xml" : "application/json";
    }

    /** v5 with Tracker's web hook times: timestamps inside the changes were kept as received already. */
    static String v5(Activity activity) {
        ObjectNode tree = Activities.toTree(activity);
        if (activity.occurredAt() != null) {
            tree.put("occurred_at", activity.occurredAt().toEpochMilli());
        }
        return TrackerJson.writeString(tree);
    }
}
