package io.trackerhub.connector.datasets;

import io.agroal.api.AgroalDataSource;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.jdbc.Sql;
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

    /** A select over a dataset's table and its parameters. */
    private record Query(String sql, Object[] args) {
    }

    private final Sql sql;
    private final AgroalDataSource dataSource;

    public Datasets(Sql sql, AgroalDataSource dataSource) {
        this.sql = sql;
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

    /** SQL: a keyset page over a table the read model's upserts write, with filters built per request. */
    public Page page(Dataset dataset, Filters filters, List<Column> columns, Cursor after, int limit) {
        Query query = query(dataset, filters, columns, after, limit + 1);
        List<Row> rows = sql.list(query.sql(), rs -> row(rs, columns), query.args());
        Cursor next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = rows.get(limit - 1).position();
        }
        return new Page(rows, next);
    }

    /**
     * Every row, in order, handed to {@code sink} as it is read. A plain connection, not kit.jdbc.Sql: streaming needs a
     * cursor (autocommit off, a fetch size), and Sql reads a whole result into a list.
     */
    public void stream(Dataset dataset, Filters filters, List<Column> columns, Cursor after, RowSink sink) throws java.io.IOException {
        Query query = query(dataset, filters, columns, after, 0);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // PostgreSQL only streams with a cursor inside a transaction; otherwise the driver reads the whole result first
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(query.sql())) {
                for (int i = 0; i < query.args().length; i++) {
                    Object a = query.args()[i];
                    s.setObject(i + 1, a instanceof String[] values ? c.createArrayOf("text", values) : a);
                }
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
        // SQL: rm_freshness is written by the read model's upserts only; one value read
        return sql.one("select as_of from rm_freshness where dataset = ?", rs -> Sql.instant(rs, "as_of"), dataset.freshness());
    }

    private static Query query(Dataset dataset, Filters f, List<Column> columns, Cursor after, int limit) {
        StringBuilder select = new StringBuilder("select ");
        for (int i = 0; i < columns.size(); i++) {
            select.append(columns.get(i).sql()).append(" as c").append(i).append(", ");
        }
        select.append("t.updated_at as k_at, t.id as k_id from ").append(dataset.table()).append(" t where true");
        List<Object> args = new ArrayList<>();
        if (dataset != Dataset.NOTIFICATIONS) {
            select.append(" and t.deleted_at is null");
        }
        if (dataset == Dataset.STORIES || dataset == Dataset.EPICS) {
            // a removed project takes its stories and epics with it, whether or not their own tombstones came
            select.append(" and not exists (select 1 from rm_project gone where gone.id = t.project_id and gone.deleted_at is not null)");
        }
        if (f.createdSince() != null) {
            select.append(" and t.created_at >= ?");
            args.add(Timestamp.from(f.createdSince()));
        }
        if (f.updatedSince() != null) {
            select.append(" and t.updated_at >= ?");
            args.add(Timestamp.from(f.updatedSince()));
        }
        if (f.projectId() != null) {
            select.append(" and t.").append(dataset.projectColumn()).append(" = ?");
            args.add(f.projectId());
        }
        if (!f.states().isEmpty()) {
            select.append(" and t.current_state = any (?)");
            args.add(f.states().toArray(String[]::new));
        }
        if (!f.storyTypes().isEmpty()) {
            select.append(" and t.story_type = any (?)");
            args.add(f.storyTypes().toArray(String[]::new));
        }
        if (after != null) {
            select.append(" and (t.updated_at, t.id) > (?, ?)");
            args.add(Timestamp.from(after.updatedAt()));
            args.add(after.id());
        }
        select.append(" order by t.updated_at, t.id");
        if (limit > 0) {
            select.append(" limit ").append(limit);
        }
        return new Query(select.toString(), args.toArray());
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
