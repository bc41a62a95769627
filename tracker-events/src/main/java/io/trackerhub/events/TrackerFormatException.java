package io.trackerhub.events;

/**
 * A body that is not a Tracker payload this library understands. The message is short and meant
 * for a human (a 400 response, a dead-letter header, a log line): what is wrong and where, e.g.
 * {@code changes[0].id must be an integer, got "abc"} or
 * {@code unexpected end of input at line 3, column 5}.
 */
public class TrackerFormatException extends RuntimeException {

    private final String path;
    private final String problem;
    private final int line;
    private final int column;
    private final boolean unreadable;

    private TrackerFormatException(String path, String problem, int line, int column, boolean unreadable) {
        super(compose(path, problem, line, column));
        this.path = path;
        this.problem = problem;
        this.line = line;
        this.column = column;
        this.unreadable = unreadable;
    }

    /** A problem with one field or element, e.g. {@code at("changes[0].id", "must be an integer, got \"abc\"")}. */
    public static TrackerFormatException at(String path, String problem) {
        return new TrackerFormatException(path, problem, -1, -1, false);
    }

    /** A problem with the body as a whole, e.g. {@code body is empty}. */
    public static TrackerFormatException of(String message) {
        return new TrackerFormatException("", message, -1, -1, false);
    }

    /** A body that cannot be read at all: empty, or neither JSON nor XML. */
    public static TrackerFormatException unreadable(String message) {
        return new TrackerFormatException("", message, -1, -1, true);
    }

    /** A syntax problem at a position of the body (1-based line and column). */
    public static TrackerFormatException syntax(String problem, int line, int column) {
        return new TrackerFormatException("", problem, line, column, true);
    }

    /** The same problem seen from an enclosing document, e.g. item {@code [3]} of an activity list. */
    public TrackerFormatException within(String parentPath) {
        if (parentPath == null || parentPath.isEmpty()) {
            return this;
        }
        String joined = path.isEmpty() ? parentPath : path.startsWith("[") ? parentPath + path : parentPath + "." + path;
        return new TrackerFormatException(joined, problem, line, column, unreadable);
    }

    /**
     * Where the problem is: a JSON path such as {@code changes[0].id}, an XML element path such as
     * {@code activity/stories/story[0]/id}, or empty when it concerns the whole body.
     */
    public String path() {
        return path;
    }

    /** What is wrong, without the path. */
    public String problem() {
        return problem;
    }

    /**
     * True when the body could not be read as JSON or XML at all (empty, another format, a syntax error); false when
     * it was read but is not what it should be (a missing field, a wrong type). An HTTP API answers 400 to the first
     * and 422 to the second.
     */
    public boolean unreadable() {
        return unreadable;
    }

    /** 1-based line of a syntax error, -1 when unknown or not a syntax error. */
    public int line() {
        return line;
    }

    /** 1-based column of a syntax error, -1 when unknown or not a syntax error. */
    public int column() {
        return column;
    }

    private static String compose(String path, String problem, int line, int column) {
        String message = path.isEmpty() ? problem : path + " " + problem;
        return line > 0 ? message + " at line " + line + ", column " + column : message;
    }
}
