package io.trackerhub.events.rest;

/** Names of the Tracker REST API v5 that are not JSON: base URL, headers, query parameters. */
public final class TrackerHttp {

    public static final String BASE_URL = "https://www.pivotaltracker.com/services/v5";

    /** The API token of the integration; a secret: never log it. */
    public static final String TOKEN = "X-TrackerToken";
    /** The project version at the time of the response: where the next activity poll starts. */
    public static final String PROJECT_VERSION = "X-Tracker-Project-Version";
    public static final String PAGINATION_TOTAL = "X-Tracker-Pagination-Total";
    public static final String PAGINATION_LIMIT = "X-Tracker-Pagination-Limit";
    public static final String PAGINATION_OFFSET = "X-Tracker-Pagination-Offset";
    public static final String PAGINATION_RETURNED = "X-Tracker-Pagination-Returned";

    /** Query parameter of {@code /projects/{id}/activity}: activity after this project version. */
    public static final String SINCE_VERSION = "since_version";
    /** {@code date_format=millis} makes REST return timestamps as epoch milliseconds, like web hooks. */
    public static final String DATE_FORMAT = "date_format";
    public static final String LIMIT = "limit";
    public static final String OFFSET = "offset";
    public static final String FIELDS = "fields";

    /** Tracker's page size when none is asked for, and the largest it accepts. */
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    private TrackerHttp() {
    }
}
