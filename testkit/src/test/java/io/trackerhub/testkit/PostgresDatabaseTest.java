package io.trackerhub.testkit;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresDatabaseTest {

    @Test
    void rowWrittenIsReadBackFromTheFreshDatabase() throws Exception {
        PostgresDatabase.Server db = PostgresDatabase.database();
        assertThat(db.jdbcUrl()).matches("jdbc:postgresql://.*/t_[0-9a-f]{16}.*");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet tables = s.executeQuery("select count(*) from information_schema.tables where table_schema = 'public'")) {
                tables.next();
                assertThat(tables.getInt(1)).as("a fresh database has no tables").isZero();
            }
            s.execute("create table story (id bigint primary key, name text not null)");
            s.execute("insert into story values (63495972, 'Fresh Story')");
            try (ResultSet rs = s.executeQuery("select name from story where id = 63495972")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Fresh Story");
            }
        }
    }

    @Test
    void quarkusResourceHandsOutTheSameDatabaseForTheWholeRun() {
        var first = new PostgresDatabase().start();
        var second = new PostgresDatabase().start();
        assertThat(first.get("quarkus.datasource.jdbc.url")).isEqualTo(PostgresDatabase.database().jdbcUrl()).isEqualTo(second.get("quarkus.datasource.jdbc.url"));
    }
}
