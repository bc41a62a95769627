package io.trackerhub.kit.config;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Defaults for the services that have a database, at the ordinal of the kit's microprofile-config.properties (a
 * service's application.properties and the environment override them). A ConfigSource rather than lines in that
 * file: a service without the datasource extension (the ingest) would log every {@code quarkus.datasource.*} line
 * there as an unrecognised key at each start, and a service with Agroal but no PostgreSQL driver (the simulator, which
 * has Agroal through the kit) must not be given a {@code db-kind} it has no driver for. Each group is supplied only
 * where its extension is: the pool's time-out with Agroal; the PostgreSQL datasource with the PostgreSQL driver;
 * Flyway's settings with Flyway; Hibernate ORM's with Hibernate ORM. Each is found by a class of its Quarkus
 * extension, not of the library: a test classpath may hold the PostgreSQL driver (testkit does) without the extension
 * (the simulator's tests then failed on a db-kind with no driver extension). Quarkus reads it at build time too, so the
 * build-time {@code quarkus.datasource.db-kind} takes effect (the kit's {@code @IfBuildProperty} beans depend on it).
 * A service still names its own schema ({@code currentSchema}, {@code quarkus.flyway.schemas}).
 */
public final class DatabaseDefaults implements ConfigSource {

    private static final Map<String, String> POOL = Map.of(
            // Agroal's 5 s default failed Flyway's first connection when five services started at once on two busy
            // cores (docs/deploy.md, the Docker run); 20 s rides out such a start, and a request still fails after it.
            "quarkus.datasource.jdbc.acquisition-timeout", "20S");

    /** The local PostgreSQL of a developer's machine; QUARKUS_DATASOURCE_JDBC_URL / _USERNAME / _PASSWORD override. */
    private static final Map<String, String> POSTGRESQL = Map.of(
            "quarkus.datasource.db-kind", "postgresql",
            "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/trackerhub",
            "quarkus.datasource.username", "postgres",
            "quarkus.datasource.devservices.enabled", "false");

    /** The service's migrations and the kit's (versioned 0.x: out-of-order lets a newer kit add tables to a schema). */
    private static final Map<String, String> FLYWAY = Map.of(
            "quarkus.flyway.migrate-at-start", "true",
            "quarkus.flyway.locations", "db/migration,db/kit",
            "quarkus.flyway.out-of-order", "true");

    /**
     * Flyway owns the schema: Hibernate only checks its mappings against it, never generates DDL; entity fields map to
     * snake_case columns; inserts and updates go to the database in JDBC batches.
     */
    private static final Map<String, String> HIBERNATE_ORM = Map.of(
            "quarkus.hibernate-orm.schema-management.strategy", "validate",
            "quarkus.hibernate-orm.physical-naming-strategy",
            "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy",
            "quarkus.hibernate-orm.jdbc.statement-batch-size", "200");

    private final Map<String, String> properties = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new HashMap<>();
        if (present("io.agroal.api.AgroalDataSource")) {
            defaults.putAll(POOL);
            if (present("io.quarkus.jdbc.postgresql.runtime.PostgreSQLAgroalConnectionConfigurer")) {
                defaults.putAll(POSTGRESQL);
            }
            if (present("io.quarkus.flyway.runtime.FlywayContainer")) {
                defaults.putAll(FLYWAY);
            }
            if (present("io.quarkus.hibernate.orm.runtime.HibernateOrmRecorder")) {
                defaults.putAll(HIBERNATE_ORM);
            }
        }
        return Map.copyOf(defaults);
    }

    private static boolean present(String type) {
        try {
            Class.forName(type, false, DatabaseDefaults.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String name) {
        return properties.get(name);
    }

    @Override
    public String getName() {
        return "service-kit database defaults";
    }

    @Override
    public int getOrdinal() {
        return 100;
    }
}
