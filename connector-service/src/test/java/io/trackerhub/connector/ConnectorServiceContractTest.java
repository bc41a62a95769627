package io.trackerhub.connector;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import io.trackerhub.testkit.ServiceContract;
import io.trackerhub.testkit.TrackerSimulatorResource;

import java.util.List;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TrackerSimulatorResource.class)
@WithTestResource(ExternalSystems.class)
class ConnectorServiceContractTest extends ServiceContract {

    @Override
    protected List<String> readinessChecks() {
        return List.of("Kafka", "Database");
    }
}
