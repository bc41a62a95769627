package io.trackerhub.notification;

import io.trackerhub.testkit.PackageRules;
import org.junit.jupiter.api.Test;

/** Feature packages depend one way: delivery → channels → messages. */
class NotificationPackagesTest {

    @Test
    void featurePackagesHaveNoCycles() {
        PackageRules.assertNoCycles("io.trackerhub.notification");
    }
}
