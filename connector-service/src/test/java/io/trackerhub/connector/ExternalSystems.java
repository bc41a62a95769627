package io.trackerhub.connector;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * The third-party systems of the tests, one WireMock server each, started once per test JVM: Jira, Zendesk,
 * Bugzilla, Lighthouse, Get Satisfaction and a custom ("Other") Import API. Each test stubs the paths of its own
 * tickets, so the servers are shared.
 */
public class ExternalSystems implements QuarkusTestResourceLifecycleManager {

    public static final WireMockServer JIRA = server();
    public static final WireMockServer ZENDESK = server();
    public static final WireMockServer BUGZILLA = server();
    public static final WireMockServer LIGHTHOUSE = server();
    public static final WireMockServer SATISFACTION = server();
    public static final WireMockServer OTHER = server();

    private static WireMockServer server() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(16));
        return server;
    }

    private static synchronized void startAll() {
        for (WireMockServer server : new WireMockServer[] {JIRA, ZENDESK, BUGZILLA, LIGHTHOUSE, SATISFACTION, OTHER}) {
            if (!server.isRunning()) {
                server.start();
            }
        }
    }

    @Override
    public Map<String, String> start() {
        startAll();
        return Map.of("hub.connector.satisfaction.api-url", SATISFACTION.baseUrl(),
                "hub.connector.satisfaction.site-url", "https://getsatisfaction.com");
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM
    }
}
