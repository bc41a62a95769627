package io.trackerhub.poller;

import io.trackerhub.testkit.PackageRules;
import org.junit.jupiter.api.Test;

class PollerPackagesTest {

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        PackageRules.assertNoCycles("io.trackerhub.poller");
    }
}
