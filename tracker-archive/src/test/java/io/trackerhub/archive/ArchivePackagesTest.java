package io.trackerhub.archive;

import io.trackerhub.testkit.PackageRules;
import org.junit.jupiter.api.Test;

class ArchivePackagesTest {

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        PackageRules.assertNoCycles("io.trackerhub.archive");
    }
}
