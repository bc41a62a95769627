package io.trackerhub.v5;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;

/**
 * An error of the Tracker API, answered with Tracker's own body ({@code kind: error}, {@code code}, {@code error},
 * {@code general_problem}, {@code possible_fix}) and status, as recorded in fixtures/tracker/errors.
 */
public class TrackerException extends RuntimeException {

    private static final String UNFOUND = "The object you tried to access could not be found.  It may have been removed by another user, "
            + "you may be using the ID of another object type, or you may be trying to access a sub-resource at the wrong point in a tree.";
    private static final String INVALID = "One or more request parameters was missing or invalid.";

    private final int status;
    private final String code;
    private final String generalProblem;
    private final String possibleFix;
    private final String field;

    private TrackerException(int status, String code, String error, String generalProblem, String possibleFix, String field) {
        super(error, null, false, false);
        this.status = status;
        this.code = code;
        this.generalProblem = generalProblem;
        this.possibleFix = possibleFix;
        this.field = field;
    }

    public static TrackerException unfound() {
        return new TrackerException(404, "unfound_resource", UNFOUND, null, null, null);
    }

    /** A bad parameter; {@code problem} is the sentence a client developer reads in {@code general_problem}. */
    public static TrackerException invalid(String problem) {
        return new TrackerException(400, "invalid_parameter", INVALID, problem, null, null);
    }

    /** A bad value of one field, listed in {@code validation_errors} as Tracker did. */
    public static TrackerException invalidField(String field, String problem) {
        return new TrackerException(400, "invalid_parameter", INVALID, problem, null, field);
    }

    public static TrackerException invalidAuthentication() {
        return new TrackerException(401, "invalid_authentication", "Invalid authentication credentials were presented.", null,
                "Recheck your name (email) and password or API Token.", null);
    }

    public static TrackerException unauthorized() {
        return new TrackerException(403, "unauthorized_operation", "Authorization failure.",
                "You aren't authorized to access the requested resource.",
                "Your project permissions are determined on the Project Membership page. If you are receiving this error you may be "
                        + "trying to access the wrong project, or the project API access is disabled, or someone listed as the project's "
                        + "Owner needs to change your membership type.", null);
    }

    /** Tracker's 403 for a change the server does not allow; {@code problem} says why. */
    public static TrackerException readOnly(String problem) {
        return new TrackerException(403, "unauthorized_operation", "Authorization failure.", problem, null, null);
    }

    public static TrackerException rateLimited() {
        return new TrackerException(429, "api_rate_limit_exceeded", "Too many requests.",
                "This token made more requests than the API allows in a short time.", "Wait for the Retry-After seconds and try again.", null);
    }

    /** Tracker's 500; {@code problem} says where it came from (e.g. a fault the simulator injected). */
    public static TrackerException serverError(String problem) {
        return new TrackerException(500, "server_error", "An unexpected server error occurred.", problem, "Try again later.", null);
    }

    public static TrackerException tooLarge(String problem) {
        return new TrackerException(400, "capacity_exceeded", INVALID, problem, null, null);
    }

    public int status() {
        return status;
    }

    public ObjectNode body() {
        ObjectNode body = TrackerJson.mapper().createObjectNode();
        body.put("kind", "error");
        body.put("code", code);
        body.put("error", getMessage());
        if (field != null) {
            body.putArray("validation_errors").addObject().put("field", field).put("problem", generalProblem);
        }
        if (generalProblem != null) {
            body.put("general_problem", generalProblem);
        }
        if (possibleFix != null) {
            body.put("possible_fix", possibleFix);
        }
        return body;
    }
}
