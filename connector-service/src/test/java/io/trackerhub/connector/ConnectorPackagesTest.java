package io.trackerhub.connector;

import io.trackerhub.testkit.PackageRules;
import org.junit.jupiter.api.Test;

/** The feature packages depend on each other in one direction: api → imports, links, writeback → systems → connectors. */
class ConnectorPackagesTest {

    @Test
    void featurePackagesHaveNoCycles() {
        PackageRules.assertNoCycles("io.trackerhub.connector");
    }
}
