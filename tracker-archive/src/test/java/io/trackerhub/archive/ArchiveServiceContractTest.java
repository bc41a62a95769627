package io.trackerhub.archive;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.testkit.PostgresDatabase;
import io.trackerhub.testkit.ServiceContract;

import java.util.List;

@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class ArchiveServiceContractTest extends ServiceContract {

    @Override
    protected List<String> readinessChecks() {
        return List.of("Database");
    }
}
