package io.trackerhub.ingest;

import io.trackerhub.testkit.PackageRules;
import org.junit.jupiter.api.Test;

class IngestPackagesTest {

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        PackageRules.assertNoCycles("io.trackerhub.ingest");
    }
}
