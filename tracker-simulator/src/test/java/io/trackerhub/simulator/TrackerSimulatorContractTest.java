package io.trackerhub.simulator;

import io.quarkus.test.junit.QuarkusTest;

import io.trackerhub.testkit.ServiceContract;

import java.util.List;

@QuarkusTest

class TrackerSimulatorContractTest extends ServiceContract {

    @Override
    protected List<String> readinessChecks() {
        return List.of();
    }
}
