package io.trackerhub.connector.datasets;

/** One column of a dataset: its name in JSON and CSV, the SQL that reads it, and its kind (how it is written). */
public record Column(String name, String sql, Kind kind) {

    public enum Kind {
        TEXT, NUMBER, TIME, BOOLEAN,
        /** Several values: a JSON array, joined with {@code ;} in CSV. */
        LIST
    }

    static Column text(String name, String sql) {
        return new Column(name, sql, Kind.TEXT);
    }

    static Column number(String name, String sql) {
        return new Column(name, sql, Kind.NUMBER);
    }

    static Column time(String name, String sql) {
        return new Column(name, sql, Kind.TIME);
    }

    static Column bool(String name, String sql) {
        return new Column(name, sql, Kind.BOOLEAN);
    }

    static Column list(String name, String sql) {
        return new Column(name, sql, Kind.LIST);
    }
}
