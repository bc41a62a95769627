package io.trackerhub.connector.datasets;

import io.agroal.api.AgroalDataSource;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads datasets out of the read model: a page at a time (keyset on updated_at, id) for JSON, or every row through
 * a database cursor (autocommit off, a fetch size) for CSV, so that a 100,000-row export never sits in memory.
 */
@ApplicationScoped
public class Datasets {

    /** One row: column name to value (String, Long/Double, Boolean, Instant, or a List for several values). */
    public record Row(Map<String, Object> values, Cursor position) {
    }

    public record Page(List<Row> rows, Cursor next) {
    }

    @FunctionalInterface
    public interface RowSink {
        void accept(Row row) throws java.io.IOException;
    }

    static final int FETCH = 500;

    private final AgroalDataSource dataSource;

    public Datasets(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The columns {@code fields=a,b,c} asks for, in the dataset's order; all of them when it is absent. */
    public static List<Column> columns(Dataset dataset, String fields) {
        if (fields == null || fields.isBlank()) {
            return dataset.columns();
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String f : fields.split(",")) {
            if (!f.isBlank()) {
                wanted.add(f.trim());
            }
        }
        List<String> unknown = wanted.stream().filter(f -> !dataset.names().contains(f)).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid("fields", "'" + String.join(",", unknown) + "' is not a field of " + dataset.wire()
                    + "; the fields are " + String.join(", ", dataset.names()));
        }
        return dataset.columns().stream().filter(c -> wanted.contains(c.name())).toList();
    }

    public Page page(Dataset dataset, Filters filters, List<Column> columns, Cursor after, int limit) {
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = statement(c, dataset, filters, columns, after, limit + 1)) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs, columns));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("dataset " + dataset.wire() + " could not be read: " + e.getMessage(), e);
        }
        Cursor next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = rows.get(limit - 1).position();
        }
        return new Page(rows, next);
    }

    /** Every row, in order, handed to {@code sink} as it is read. */
    public void stream(Dataset dataset, Filters filters, List<Column> columns, Cursor after, RowSink sink) throws java.io.IOException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // PostgreSQL only streams with a cursor inside a transaction; otherwise the driver reads the whole result first
            c.setAutoCommit(false);
            try (PreparedStatement s = statement(c, dataset, filters, columns, after, 0)) {
                s.setFetchSize(FETCH);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(row(rs, columns));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("dataset " + dataset.wire() + " could not be read: " + e.getMessage(), e);
        }
    }

    /** The time of the newest event applied to the dataset, if any. */
    public Optional<Instant> asOf(Dataset dataset) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select as_of from rm_freshness where dataset = ?")) {
            s.setString(1, dataset.freshness());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("freshness of " + dataset.wire() + " could not be read: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement statement(Connection c, Dataset dataset, Filters f, List<Column> columns, Cursor after, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(columns.get(i).sql()).append(" as c").append(i).append(", ");
        }
        sql.append("t.updated_at as k_at, t.id as k_id from ").append(dataset.table()).append(" t where true");
        List<Object> args = new ArrayList<>();
        if (dataset != Dataset.NOTIFICATIONS) {
            sql.append(" and t.deleted_at is null");
        }
        if (dataset == Dataset.STORIES || dataset == Dataset.EPICS) {
            // a removed project takes its stories and epics with it, whether or not their own tombstones came
            sql.append(" and not exists (select 1 from rm_project gone where gone.id = t.project_id and gone.deleted_at is not null)");
        }
        if (f.createdSince() != null) {
            sql.append(" and t.created_at >= ?");
            args.add(Timestamp.from(f.createdSince()));
        }
        if (f.updatedSince() != null) {
            sql.append(" and t.updated_at >= ?");
            args.add(Timestamp.from(f.updatedSince()));
        }
        if (f.projectId() != null) {
            sql.append(" and t.").append(dataset.projectColumn()).append(" = ?");
            args.add(f.projectId());
        }
        if (!f.states().isEmpty()) {
            sql.append(" and t.current_state = any (?)");
            args.add(c.createArrayOf("text", f.states().toArray()));
        }
        if (!f.storyTypes().isEmpty()) {
            sql.append(" and t.story_type = any (?)");
            args.add(c.createArrayOf("text", f.storyTypes().toArray()));
        }
        if (after != null) {
            sql.append(" and (t.updated_at, t.id) > (?, ?)");
            args.add(Timestamp.from(after.updatedAt()));
            args.add(after.id());
        }
        sql.append(" order by t.updated_at, t.id");
        if (limit > 0) {
            sql.append(" limit ").append(limit);
        }
        PreparedStatement s = c.prepareStatement(sql.toString());
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Array array) {
                s.setArray(i + 1, array);
            } else if (a instanceof Timestamp t) {
                s.setTimestamp(i + 1, t);
            } else {
                s.setObject(i + 1, a);
            }
        }
        return s;
    }

    private static Row row(ResultSet rs, List<Column> columns) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            values.put(columns.get(i).name(), value(rs, i + 1, columns.get(i).kind()));
        }
        int keys = columns.size();
        return new Row(values, new Cursor(rs.getTimestamp(keys + 1).toInstant(), rs.getLong(keys + 2)));
    }

    private static Object value(ResultSet rs, int i, Column.Kind kind) throws SQLException {
        switch (kind) {
            case TIME -> {
                Timestamp t = rs.getTimestamp(i);
                return t == null ? null : t.toInstant();
            }
            case NUMBER -> {
                Object n = rs.getObject(i);
                if (n instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
                    return d.longValue();
                }
                return n instanceof Integer in ? Long.valueOf(in) : n;
            }
            case BOOLEAN -> {
                boolean b = rs.getBoolean(i);
                return rs.wasNull() ? null : b;
            }
            case LIST -> {
                Array a = rs.getArray(i);
                return a == null ? List.of() : Arrays.asList((Object[]) a.getArray());
            }
            default -> {
                return rs.getString(i);
            }
        }
    }
}
