package io.trackerhub.kit.config;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * Defaults for the services that have a database, at the ordinal of the kit's microprofile-config.properties (a
 * service's application.properties and the environment override them). A ConfigSource rather than lines in that
 * file: a service without the datasource extension (the ingest) would log every {@code quarkus.datasource.*} line
 * there as an unrecognised key at each start.
 */
public final class DatabaseDefaults implements ConfigSource {

    private static final Map<String, String> DEFAULTS = Map.of(
            // Agroal's 5 s default failed Flyway's first connection when five services started at once on two busy
            // cores (docs/deploy.md, the Docker run); 20 s rides out such a start, and a request still fails after it.
            "quarkus.datasource.jdbc.acquisition-timeout", "20S");

    private final Map<String, String> properties = hasDatasource() ? DEFAULTS : Map.of();

    private static boolean hasDatasource() {
        try {
            Class.forName("io.agroal.api.AgroalDataSource", false, DatabaseDefaults.class.getClassLoader());
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
