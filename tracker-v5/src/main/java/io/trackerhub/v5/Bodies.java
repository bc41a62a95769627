package io.trackerhub.v5;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.TrackerJson;

/** Request bodies and path ids of the Tracker API, with Tracker's errors instead of problem+json. */
public final class Bodies {

    private Bodies() {
    }

    public static JsonNode json(byte[] body) {
        if (body == null || body.length == 0 || TrackerJson.firstSignificantByte(body) < 0) {
            return TrackerJson.mapper().createObjectNode();
        }
        try {
            return TrackerJson.readTree(body);
        } catch (TrackerFormatException e) {
            throw TrackerException.invalid("the request body is not valid JSON: " + e.getMessage());
        }
    }

    /** A path id; anything but a positive integer is a resource that cannot exist, so 404 as Tracker answered. */
    public static long id(String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to not found
        }
        throw TrackerException.unfound();
    }
}
