package io.trackerhub.kit.config;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseDefaultsTest {

    @Test
    void isFoundAsAConfigSourceAndGivesTheAcquisitionTimeoutWhereTheDatasourceExtensionIs() {
        ConfigSource defaults = ServiceLoader.load(ConfigSource.class).stream().map(ServiceLoader.Provider::get)
                .filter(DatabaseDefaults.class::isInstance).findFirst().orElseThrow();
        assertThat(defaults.getValue("quarkus.datasource.jdbc.acquisition-timeout")).isEqualTo("20S");
        assertThat(defaults.getOrdinal()).as("below application.properties (250) and the environment (300)")
                .isLessThan(250);
    }
}
