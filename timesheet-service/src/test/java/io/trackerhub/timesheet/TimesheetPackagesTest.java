package io.trackerhub.timesheet;

import io.trackerhub.testkit.PackageRules;
import org.junit.jupiter.api.Test;

class TimesheetPackagesTest {

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        PackageRules.assertNoCycles("io.trackerhub.timesheet");
    }
}
