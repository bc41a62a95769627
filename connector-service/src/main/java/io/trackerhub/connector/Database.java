package io.trackerhub.connector;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Plain JDBC on the service's schema: joins the caller's transaction when there is one, else commits each statement. */
@ApplicationScoped
public class Database {

    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    public interface Reader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final AgroalDataSource dataSource;

    public Database(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("database update failed: " + e.getMessage(), e);
        }
    }

    public <T> List<T> query(String sql, Binder binder, Reader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("database query failed: " + e.getMessage(), e);
        }
    }

    public <T> Optional<T> queryOne(String sql, Binder binder, Reader<T> reader) {
        return query(sql, binder, reader).stream().findFirst();
    }
}
