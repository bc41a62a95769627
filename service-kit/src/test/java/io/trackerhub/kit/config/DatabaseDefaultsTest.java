package io.trackerhub.kit.config;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseDefaultsTest {

    @Test
    void isFoundAsAConfigSourceAndGivesTheDatabaseSettingsWhereTheirExtensionsAre() {
        ConfigSource defaults = ServiceLoader.load(ConfigSource.class).stream().map(ServiceLoader.Provider::get)
                .filter(DatabaseDefaults.class::isInstance).findFirst().orElseThrow();
        assertThat(defaults.getValue("quarkus.datasource.jdbc.acquisition-timeout")).isEqualTo("20S");
        // the kit's tests have the PostgreSQL driver and Flyway
        assertThat(defaults.getValue("quarkus.datasource.db-kind")).isEqualTo("postgresql");
        assertThat(defaults.getValue("quarkus.datasource.devservices.enabled")).isEqualTo("false");
        assertThat(defaults.getValue("quarkus.flyway.locations")).isEqualTo("db/migration,db/kit");
        assertThat(defaults.getValue("quarkus.flyway.out-of-order")).isEqualTo("true");
        assertThat(defaults.getOrdinal()).as("below application.properties (250) and the environment (300)")
                .isLessThan(250);
    }
}
