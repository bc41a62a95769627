package io.trackerhub.connector.datasets;

import io.trackerhub.events.json.Timestamps;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * RFC 4180: CRLF line ends, a field with a comma, a quote, CR or LF in double quotes with its quotes doubled. Times
 * are ISO-8601 UTC, several values are joined with {@code ;}, an absent value is an empty field.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";

    private Csv() {
    }

    public static void header(Writer out, List<Column> columns) throws IOException {
        line(out, columns.stream().map(Column::name).toList());
    }

    public static void row(Writer out, List<Column> columns, Datasets.Row row) throws IOException {
        line(out, columns.stream().map(c -> text(row.values().get(c.name()))).toList());
    }

    static void line(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(escape(fields.get(i)));
        }
        out.write("\r\n");
    }

    public static String escape(String field) {
        if (field == null) {
            return "";
        }
        for (int i = 0; i < field.length(); i++) {
            char ch = field.charAt(i);
            if (ch == ',' || ch == '"' || ch == '\r' || ch == '\n') {
                return '"' + field.replace("\"", "\"\"") + '"';
            }
        }
        return field;
    }

    /** A value as one CSV field (before escaping). */
    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant t) {
            return Timestamps.format(t);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> v instanceof Instant t ? Timestamps.format(t) : String.valueOf(v)).collect(Collectors.joining(";"));
        }
        return String.valueOf(value);
    }
}
