package io.trackerhub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.kafka.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator expects of k8s/ besides the services running: a Namespace, NetworkPolicies (default deny, the
 * services' port only from the Ingress controller and monitoring, egress only to DNS, Kafka, PostgreSQL and the
 * outside for the services that call third parties), Ingress TLS from cert-manager, a KEDA trigger on every consumer
 * group the code declares (and on the notification outbox backlog) within the topics' partitions, the PostgreSQL
 * connection budget, topology spread, ServiceMonitors, alert rules and a dashboard on metrics the code registers, and
 * a dev overlay whose public web hook URL is its Ingress host, with the simulator as a component.
 */
class KubernetesOperationsTest {

    private static final String INGRESS_NAMESPACE = "ingress-nginx";
    private static final String MONITORING_NAMESPACE = "monitoring";
    private static final String KAFKA_CLUSTER = "trackerhub";
    /** PostgreSQL's default max_connections, and what is kept for superusers, operators, backups and exporters. */
    static final int MAX_CONNECTIONS = 100;
    static final int RESERVED_CONNECTIONS = 10;
    /** Quarkus' default quarkus.datasource.jdbc.max-size. */
    private static final int QUARKUS_DEFAULT_POOL = 20;
    /** The services that call third parties (Tracker, Jira, chat rooms, web hooks) and so may reach the outside. */
    private static final Set<String> CALL_OUTSIDE = Set.of("poller-service", "connector-service", "notification-service");
    /** Metrics the services export that no code of ours registers: Prometheus' own and the Kafka client's. */
    private static final Set<String> LIBRARY_METRICS = Set.of("up", "kafka_consumer_fetch_manager_records_lag");

    private static final List<String> OVERLAYS = List.of("k8s/overlays/dev", "k8s/overlays/prod");

    // ---------------------------------------------------------------------------------------------- namespace, spread

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void theNamespaceItselfIsCreated(String overlay) {
        String namespace = namespaceOf(overlay);
        List<ObjectNode> namespaces = kinds(render(overlay), "Namespace");
        assertThat(namespaces).as("a fresh cluster needs the Namespace object").singleElement()
                .satisfies(n -> assertThat(n.path("metadata").path("name").asText()).isEqualTo(namespace));
        assertThat(namespaces.get(0).path("metadata").has("namespace")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void everyDeploymentSpreadsItsReplicasOverZonesAndNodes(String overlay) {
        for (ObjectNode d : kinds(render(overlay), "Deployment")) {
            String name = name(d);
            JsonNode pod = d.path("spec").path("template");
            JsonNode constraints = pod.path("spec").path("topologySpreadConstraints");
            assertThat(constraints).as("topologySpreadConstraints of %s", name).isNotEmpty();
            Set<String> keys = new LinkedHashSet<>();
            for (JsonNode c : constraints) {
                keys.add(c.path("topologyKey").asText());
                assertThat(c.path("maxSkew").asInt()).isEqualTo(1);
                assertThat(c.path("whenUnsatisfiable").asText()).isIn("ScheduleAnyway", "DoNotSchedule");
                assertThat(selects(c.path("labelSelector"), pod.path("metadata").path("labels")))
                        .as("%s: the constraint counts its own pods", name).isTrue();
            }
            assertThat(keys).as(name).contains("kubernetes.io/hostname");
            if (d.path("spec").path("replicas").asInt() > 1 || Checkout.SERVICES.contains(name)) {
                assertThat(keys).as(name).contains("topology.kubernetes.io/zone");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ network policies

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void theNamespaceDeniesAllTrafficByDefault(String overlay) {
        List<ObjectNode> policies = kinds(render(overlay), "NetworkPolicy");
        assertThat(policies).anySatisfy(p -> {
            assertThat(p.path("spec").path("podSelector").isEmpty()).isTrue();
            assertThat(ComposeFileTest.texts(p.path("spec").path("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(p.path("spec").has("ingress")).isFalse();
            assertThat(p.path("spec").has("egress")).isFalse();
        });
        // DNS, for every pod
        assertThat(policies).anySatisfy(p -> {
            assertThat(p.path("spec").path("podSelector").isEmpty()).isTrue();
            assertThat(p.path("spec").path("egress").findValues("port")).extracting(JsonNode::asInt).contains(53);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void servicesAreReachableOnlyFromTheIngressControllerAndMonitoring(String overlay) {
        List<ObjectNode> resources = render(overlay);
        for (String module : Checkout.SERVICES) {
            JsonNode labels = podLabels(resources, module);
            Set<String> fromNamespaces = new TreeSet<>();
            for (ObjectNode p : policiesFor(resources, labels, "Ingress")) {
                for (JsonNode rule : p.path("spec").path("ingress")) {
                    assertThat(rule.path("ports")).as("%s: %s opens ports, not everything", module, name(p)).isNotEmpty();
                    for (JsonNode peer : rule.path("from")) {
                        assertThat(peer.has("ipBlock")).as("%s: no address range may reach %s", name(p), module).isFalse();
                        if (peer.has("namespaceSelector")) {
                            String ns = peer.path("namespaceSelector").path("matchLabels")
                                    .path("kubernetes.io/metadata.name").asText();
                            assertThat(ns).as("%s: namespaces reaching %s", name(p), module)
                                    .isIn(INGRESS_NAMESPACE, MONITORING_NAMESPACE);
                            fromNamespaces.add(ns);
                        } else {
                            // a pod of this namespace (the dev simulator posting web hooks to the ingest)
                            assertThat(peer.path("podSelector").isEmpty()).as("%s: not every pod", name(p)).isFalse();
                        }
                    }
                }
            }
            assertThat(fromNamespaces).as("%s is scraped by monitoring and reached through the ingress", module)
                    .containsExactly(INGRESS_NAMESPACE, MONITORING_NAMESPACE);
        }
        // paths: the Ingress publishes the web hook path only, the rest stays behind the port-level policies
        for (ObjectNode ingress : kinds(resources, "Ingress")) {
            assertThat(ingress.path("spec").path("rules").findValuesAsText("path")).containsOnly("/webhooks/");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void servicesReachOnlyDnsKafkaPostgresAndForThirdPartyCallersTheOutside(String overlay) {
        List<ObjectNode> resources = render(overlay);
        int kafkaPort = find(resources, "Kafka", KAFKA_CLUSTER).path("spec").path("kafka").path("listeners").get(0)
                .path("port").asInt();
        for (String module : Checkout.SERVICES) {
            ServiceConfig config = ServiceConfig.of(module);
            JsonNode labels = podLabels(resources, module);
            boolean kafka = false;
            boolean postgres = false;
            boolean outside = false;
            for (ObjectNode p : policiesFor(resources, labels, "Egress")) {
                for (JsonNode rule : p.path("spec").path("egress")) {
                    Set<Integer> ports = new TreeSet<>();
                    rule.path("ports").forEach(port -> ports.add(port.path("port").asInt()));
                    for (JsonNode peer : rule.path("to")) {
                        String what = name(p) + " " + peer;
                        if (peer.path("podSelector").path("matchLabels").path("k8s-app").asText().equals("kube-dns")) {
                            assertThat(ports).as(what).containsOnly(53);
                        } else if (peer.path("podSelector").path("matchLabels").path("strimzi.io/cluster").asText()
                                .equals(KAFKA_CLUSTER)) {
                            assertThat(ports).as(what).containsOnly(kafkaPort);
                            kafka = true;
                        } else if (ports.equals(Set.of(5432))) {
                            postgres = true;
                        } else if (peer.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText()
                                .equals("tracker-simulator")) {
                            assertThat(overlay).as("the simulator is dev's").endsWith("dev");
                        } else {
                            assertThat(peer.has("ipBlock")).as("%s: %s", module, what).isTrue();
                            assertThat(ComposeFileTest.texts(peer.path("ipBlock").path("except")))
                                    .as("%s: the outside, not the cluster's private ranges", what)
                                    .contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
                            outside = true;
                        }
                    }
                }
            }
            assertThat(kafka).as("%s reaches Kafka", module).isEqualTo(config.usesKafka());
            assertThat(postgres).as("%s reaches PostgreSQL", module).isEqualTo(config.usesDatabase());
            assertThat(outside).as("%s reaches the outside", module).isEqualTo(CALL_OUTSIDE.contains(module));
        }
    }

    // ------------------------------------------------------------------------------------- ingress, TLS, public URL

    @Test
    void prodIngressHasTlsFromCertManager() {
        List<ObjectNode> resources = render("k8s/overlays/prod");
        ObjectNode ingress = find(resources, "Ingress", "webhook-ingest-service");
        assertThat(ingress.path("metadata").path("annotations").path("cert-manager.io/cluster-issuer").asText()).isNotBlank();
        String host = ingress.path("spec").path("rules").get(0).path("host").asText();
        JsonNode tls = ingress.path("spec").path("tls").get(0);
        assertThat(ComposeFileTest.texts(tls.path("hosts"))).containsExactly(host);
        assertThat(tls.path("secretName").asText()).isNotBlank();
        assertThat(Yaml.read(Checkout.path("docs/deploy.md"))).contains("cert-manager.io/cluster-issuer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void thePublicWebHookUrlIsTheIngressHost(String overlay) {
        List<ObjectNode> resources = render(overlay);
        ObjectNode ingress = find(resources, "Ingress", "webhook-ingest-service");
        String host = ingress.path("spec").path("rules").get(0).path("host").asText();
        boolean tls = false;
        for (JsonNode entry : ingress.path("spec").path("tls")) {
            tls |= ComposeFileTest.texts(entry.path("hosts")).contains(host);
        }
        URI url = URI.create(find(resources, "ConfigMap", "poller-service").path("data").path("HUB_INGEST_PUBLIC_URL").asText());
        assertThat(url.getHost()).as("%s: HUB_INGEST_PUBLIC_URL names the Ingress host", overlay).isEqualTo(host);
        assertThat(url.getScheme()).as("https exactly where the Ingress has a certificate").isEqualTo(tls ? "https" : "http");
    }

    // ------------------------------------------------------------------------------------------------------- KEDA

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void everyConsumerGroupOfEveryServiceHasAKedaTriggerWithinThePartitions(String overlay) {
        List<ObjectNode> resources = render(overlay);
        Map<String, Integer> partitions = partitions(resources);
        String bootstrap = KAFKA_CLUSTER + "-kafka-bootstrap:" + find(resources, "Kafka", KAFKA_CLUSTER)
                .path("spec").path("kafka").path("listeners").get(0).path("port").asInt();
        for (String module : Checkout.SERVICES) {
            Map<String, String> groups = consumerGroups(module);
            List<ObjectNode> scaled = kinds(resources, "ScaledObject").stream()
                    .filter(s -> s.path("spec").path("scaleTargetRef").path("name").asText().equals(module)).toList();
            if (groups.isEmpty()) {
                assertThat(scaled).as("%s consumes nothing: no lag to scale on", module).isEmpty();
                continue;
            }
            assertThat(scaled).as("ScaledObject of %s", module).hasSize(1);
            JsonNode spec = scaled.get(0).path("spec");
            assertThat(scaled.get(0).path("apiVersion").asText()).isEqualTo("keda.sh/v1alpha1");
            Map<String, String> triggered = new LinkedHashMap<>();
            for (JsonNode trigger : spec.path("triggers")) {
                if (!trigger.path("type").asText().equals("kafka")) {
                    continue;
                }
                JsonNode md = trigger.path("metadata");
                assertThat(triggered.put(md.path("consumerGroup").asText(), md.path("topic").asText())).isNull();
                assertThat(md.path("bootstrapServers").asText()).isEqualTo(bootstrap);
                assertThat(md.path("lagThreshold").asText()).matches("[1-9][0-9]*");
                assertThat(md.path("allowIdleConsumers").asText("false"))
                        .as("KEDA caps each trigger at its topic's partitions").isEqualTo("false");
            }
            assertThat(triggered).as("%s: a trigger per consumer group the code declares (group -> topic)", module)
                    .isEqualTo(groups);
            int max = spec.path("maxReplicaCount").asInt();
            int widest = groups.values().stream().mapToInt(t -> {
                assertThat(partitions).as("KafkaTopic of %s", t).containsKey(t);
                return partitions.get(t);
            }).max().orElseThrow();
            assertThat(max).as("%s: max replicas within the partitions of the topics it consumes (%s)", module, groups.values())
                    .isBetween(1, widest);
            assertThat(spec.path("minReplicaCount").asInt()).isBetween(1, max);
            assertThat(kinds(resources, "HorizontalPodAutoscaler")).as("KEDA owns the HPA of %s", module)
                    .noneMatch(h -> h.path("spec").path("scaleTargetRef").path("name").asText().equals(module));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void notificationAlsoScalesOnItsOutboxBacklog(String overlay) {
        List<ObjectNode> resources = render(overlay);
        JsonNode prometheus = find(resources, "ScaledObject", "notification-service").path("spec").path("triggers")
                .findParents("type").stream().filter(t -> t.path("type").asText().equals("prometheus")).findFirst()
                .orElseThrow(() -> new AssertionError("no prometheus trigger on notification-service"));
        String query = prometheus.path("metadata").path("query").asText();
        assertThat(query).contains("hub_outbox_deliveries", "status=\"pending\"", "job=\"notification-service\"",
                "namespace=\"" + namespaceOf(overlay) + "\"");
        assertThat(registeredMetrics()).containsAll(metricNames(query));
        assertThat(prometheus.path("metadata").path("threshold").asText()).matches("[1-9][0-9]*");
        assertThat(prometheus.path("metadata").path("serverAddress").asText()).startsWith("http");
        assertThat(ServiceConfig.of("notification-service").properties().stringPropertyNames())
                .as("the notification service delivers through the outbox").anyMatch(k -> k.startsWith("hub.outbox."));
    }

    // -------------------------------------------------------------------------------------------- connection budget

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void connectionPoolsAtMaxReplicasFitPostgresMaxConnections(String overlay) {
        List<ObjectNode> resources = render(overlay);
        int total = connections(resources);
        assertThat(total).as("%s: sum of pool x (max replicas + surge)", overlay)
                .isLessThanOrEqualTo(MAX_CONNECTIONS - RESERVED_CONNECTIONS);
        if (overlay.endsWith("prod")) {
            String docs = Yaml.read(Checkout.path("docs/deploy.md"));
            assertThat(docs).contains("max_connections").contains("= " + total + " ");
        }
    }

    /** Σ over the services using PostgreSQL of pool size × (max replicas + maxSurge), as deployed. */
    static int connections(List<ObjectNode> resources) {
        int total = 0;
        for (String module : Checkout.SERVICES) {
            ServiceConfig config = ServiceConfig.of(module);
            if (!config.usesDatabase()) {
                continue;
            }
            ObjectNode deployment = find(resources, "Deployment", module);
            String pool = find(resources, "ConfigMap", module).path("data").path("QUARKUS_DATASOURCE_JDBC_MAX_SIZE")
                    .asText(config.properties().getProperty("quarkus.datasource.jdbc.max-size", "" + QUARKUS_DEFAULT_POOL));
            int replicas = deployment.path("spec").path("replicas").asInt();
            for (ObjectNode s : kinds(resources, "ScaledObject")) {
                if (s.path("spec").path("scaleTargetRef").path("name").asText().equals(module)) {
                    replicas = s.path("spec").path("maxReplicaCount").asInt();
                }
            }
            for (ObjectNode h : kinds(resources, "HorizontalPodAutoscaler")) {
                if (h.path("spec").path("scaleTargetRef").path("name").asText().equals(module)) {
                    replicas = h.path("spec").path("maxReplicas").asInt();
                }
            }
            int surge = deployment.path("spec").path("strategy").path("rollingUpdate").path("maxSurge").asInt(0);
            total += Integer.parseInt(pool) * (replicas + surge);
        }
        return total;
    }

    // ------------------------------------------------------------------------------------------------- monitoring

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void everyServiceIsScrapedByAServiceMonitor(String overlay) {
        List<ObjectNode> resources = render(overlay);
        assertThat(Yaml.read(Checkout.path("service-kit/pom.xml"))).contains("quarkus-micrometer-registry-prometheus");
        for (String module : Checkout.SERVICES) {
            ObjectNode service = find(resources, "Service", module);
            List<ObjectNode> monitors = kinds(resources, "ServiceMonitor").stream()
                    .filter(m -> selects(m.path("spec").path("selector"), service.path("metadata").path("labels"))).toList();
            assertThat(monitors).as("ServiceMonitor of %s", module).hasSize(1);
            assertThat(monitors.get(0).path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
            JsonNode endpoint = monitors.get(0).path("spec").path("endpoints").get(0);
            assertThat(endpoint.path("port").asText()).isEqualTo(service.path("spec").path("ports").get(0).path("name").asText());
            assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
        }
    }

    @Test
    void alertRulesWatchLagDeadLettersOutboxIngestAndSyncErrors() {
        List<String> exprs = ruleExpressions(render("k8s/overlays/prod"));
        String all = String.join("\n", exprs);
        assertThat(all).contains("kafka_consumer_fetch_manager_records_lag", "hub_consumer_dead_letters_total",
                "hub_outbox_deliveries{status=\"failed\"}", "hub_outbox_destinations_paused",
                "hub_webhooks_total{status=\"503\"}", "hub_poller_cycles_total{outcome=\"failed\"}");
    }

    @Test
    void everyMetricOfTheRulesAndTheDashboardIsOneTheCodeRegisters() throws IOException {
        Set<String> known = new TreeSet<>(registeredMetrics());
        known.addAll(LIBRARY_METRICS);
        List<String> exprs = new ArrayList<>(ruleExpressions(render("k8s/overlays/prod")));
        JsonNode dashboard = new ObjectMapper().readTree(Checkout.path("k8s/components/monitoring/grafana-dashboard.json").toFile());
        assertThat(dashboard.path("panels")).isNotEmpty();
        dashboard.path("panels").findValuesAsText("expr").forEach(exprs::add);
        Set<String> used = new TreeSet<>();
        for (String expr : exprs) {
            Set<String> names = metricNames(expr);
            assertThat(names).as("metrics of %s", expr).isNotEmpty();
            used.addAll(names);
        }
        assertThat(known).as("metrics the code registers (and the Kafka client's, Prometheus' up)").containsAll(used);
        // the dashboard is the one the monitoring component ships
        ObjectNode cm = find(render("k8s/overlays/prod"), "ConfigMap", "trackerhub-grafana-dashboard");
        assertThat(cm.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        assertThat(new ObjectMapper().readTree(cm.path("data").path("grafana-dashboard.json").asText())).isEqualTo(dashboard);
    }

    @Test
    void metricNamesAreReadFromPromQl() {
        assertThat(metricNames("sum by (namespace, job) (rate(hub_webhooks_total{status=\"503\"}[5m])) / "
                + "histogram_quantile(0.99, sum by (le) (rate(hub_outbox_lag_seconds_bucket{job=~\"a|b\"}[10m]))) > 0.2"))
                .containsExactlyInAnyOrder("hub_webhooks_total", "hub_outbox_lag_seconds_bucket");
        assertThat(registeredMetrics()).contains("hub_webhooks_total", "hub_outbox_deliveries", "hub_outbox_lag_seconds_bucket",
                "hub_consumer_dead_letters_total", "hub_poller_cycles_total").doesNotContain("hub_outbox_deliveries_total");
    }

    // ---------------------------------------------------------------------------------------------- dev, simulator

    @Test
    void devIncludesTheSimulatorAsAComponentAndProdDoesNot() {
        assertThat(ComposeFileTest.texts(Yaml.object(Checkout.path("k8s/overlays/dev/kustomization.yaml")).path("components")))
                .contains("../../components/simulator");
        assertThat(Yaml.object(Checkout.path("k8s/components/simulator/kustomization.yaml")).path("kind").asText())
                .isEqualTo("Component");
        List<ObjectNode> dev = render("k8s/overlays/dev");
        ObjectNode service = find(dev, "Service", "tracker-simulator");
        ServiceConfig simulator = ServiceConfig.of("tracker-simulator");
        assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(simulator.port());
        find(dev, "Deployment", "tracker-simulator");
        for (String module : List.of("poller-service", "connector-service")) {
            assertThat(find(dev, "ConfigMap", module).path("data").path("HUB_TRACKER_BASE_URL").asText())
                    .isEqualTo("http://tracker-simulator:" + simulator.port() + "/services/v5");
        }
        List<ObjectNode> prod = render("k8s/overlays/prod");
        assertThat(kinds(prod, "Deployment")).noneMatch(d -> name(d).equals("tracker-simulator"));
    }

    /** Where kubectl is installed, its kustomize renders exactly the objects our renderer does (skipped otherwise). */
    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void kubectlKustomizeRendersTheSameObjects(String overlay) throws Exception {
        Path kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(kubectl != null, "kubectl not installed");
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", Checkout.path(overlay).toString())
                .redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor()).as("kubectl kustomize %s: %s", overlay, err).isZero();
        Path file = Files.createTempFile("kustomize", ".yaml");
        try {
            Files.write(file, out);
            Map<String, JsonNode> theirs = new HashMap<>();
            for (JsonNode doc : Yaml.documents(file)) {
                theirs.put(id(doc), doc);
            }
            Map<String, JsonNode> ours = new HashMap<>();
            for (ObjectNode r : render(overlay)) {
                ours.put(id(r), r);
            }
            assertThat(ours.keySet()).isEqualTo(theirs.keySet());
            ours.forEach((id, r) -> assertThat(r).as(id).isEqualTo(theirs.get(id)));
        } finally {
            Files.delete(file);
        }
    }

    private static String id(JsonNode r) {
        return r.path("kind").asText() + "/" + r.path("metadata").path("namespace").asText() + "/" + name(r);
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /** A service's consumer groups and their topics, read from its TrackerChannels subclasses' incoming(...) calls. */
    static Map<String, String> consumerGroups(String module) {
        Map<String, String> groups = new LinkedHashMap<>();
        Pattern incoming = Pattern.compile("\\bincoming\\(\\s*[^,()]+,\\s*Topics\\.([A-Z_]+),\\s*([^)]+)\\)");
        Map<String, String> sources = sources(module);
        for (Map.Entry<String, String> file : sources.entrySet()) {
            if (!file.getValue().contains("extends TrackerChannels")) {
                continue;
            }
            Matcher m = incoming.matcher(file.getValue());
            while (m.find()) {
                String group = evaluate(m.group(2), file.getValue(), sources);
                groups.put(group, topic(m.group(1)));
            }
        }
        return groups;
    }

    private static String topic(String constant) {
        try {
            return (String) Topics.class.getField(constant).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no Topics." + constant, e);
        }
    }

    /** A string expression of literals and String constants joined by +. */
    private static String evaluate(String expression, String source, Map<String, String> sources) {
        StringBuilder out = new StringBuilder();
        for (String part : expression.split("\\+")) {
            String p = part.trim();
            if (p.startsWith("\"")) {
                out.append(p, 1, p.length() - 1);
                continue;
            }
            String constant = p.contains(".") ? p.substring(p.lastIndexOf('.') + 1) : p;
            String owner = p.contains(".") ? p.substring(0, p.lastIndexOf('.')) : null;
            Pattern declaration = Pattern.compile("static final String " + constant + " = \"([^\"]*)\"");
            String value = null;
            for (Map.Entry<String, String> f : sources.entrySet()) {
                boolean candidate = owner == null ? f.getValue().equals(source) : f.getKey().endsWith("/" + owner + ".java");
                Matcher m = declaration.matcher(f.getValue());
                if (candidate && m.find()) {
                    value = m.group(1);
                }
            }
            if (value == null) {
                throw new AssertionError("cannot resolve " + p + " in " + expression);
            }
            out.append(value);
        }
        return out.toString();
    }

    private static Map<String, String> sources(String module) {
        Map<String, String> sources = new HashMap<>();
        try (Stream<Path> walk = Files.walk(Checkout.path(module + "/src/main/java"))) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> sources.put(p.toString(), Yaml.read(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    /** Prometheus names of the meters our code registers with Micrometer (every module's src/main/java). */
    static Set<String> registeredMetrics() {
        Set<String> names = new TreeSet<>();
        Pattern builder = Pattern.compile("\\b(Counter|Timer|Gauge|DistributionSummary)\\.builder\\(\\s*\"([a-z0-9.]+)\"");
        Pattern shorthand = Pattern.compile("\\.(counter|timer|gauge|summary)\\(\\s*\"([a-z0-9.]+)\"");
        List<Path> roots;
        try (Stream<Path> list = Files.list(Checkout.ROOT)) {
            roots = list.filter(d -> Files.isDirectory(d.resolve("src/main/java"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path root : roots) {
            for (String source : sources(Checkout.ROOT.relativize(root).toString()).values()) {
                for (Pattern p : List.of(builder, shorthand)) {
                    Matcher m = p.matcher(source);
                    while (m.find()) {
                        String base = m.group(2).replace('.', '_');
                        switch (m.group(1).toLowerCase()) {
                            case "counter" -> names.add(base + "_total");
                            case "gauge" -> names.add(base);
                            case "timer" -> List.of("", "_bucket", "_count", "_sum", "_max")
                                    .forEach(s -> names.add(base + "_seconds" + s));
                            default -> List.of("", "_bucket", "_count", "_sum", "_max").forEach(s -> names.add(base + s));
                        }
                    }
                }
            }
        }
        return names;
    }

    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "inf", "nan");

    /** The metric names of a PromQL expression: identifiers outside label matchers, ranges, strings and groupings. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(s);
        while (m.find()) {
            if (m.group(2) == null && !PROMQL_WORDS.contains(m.group(1).toLowerCase())) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static List<String> ruleExpressions(List<ObjectNode> resources) {
        List<String> exprs = new ArrayList<>();
        List<ObjectNode> rules = kinds(resources, "PrometheusRule");
        assertThat(rules).hasSize(1);
        for (JsonNode group : rules.get(0).path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertThat(rule.path("alert").asText()).isNotBlank();
                assertThat(rule.path("labels").path("severity").asText()).isIn("warning", "critical");
                exprs.add(rule.path("expr").asText());
            }
        }
        return exprs;
    }

    private static Map<String, Integer> partitions(List<ObjectNode> resources) {
        Map<String, Integer> partitions = new HashMap<>();
        for (ObjectNode t : kinds(resources, "KafkaTopic")) {
            partitions.put(t.path("spec").path("topicName").asText(), t.path("spec").path("partitions").asInt());
        }
        return partitions;
    }

    /** NetworkPolicies selecting pods with these labels and of this policy type. */
    private static List<ObjectNode> policiesFor(List<ObjectNode> resources, JsonNode labels, String type) {
        return kinds(resources, "NetworkPolicy").stream()
                .filter(p -> ComposeFileTest.texts(p.path("spec").path("policyTypes")).contains(type))
                .filter(p -> p.path("spec").path("podSelector").isEmpty() || selects(p.path("spec").path("podSelector"), labels))
                .toList();
    }

    private static JsonNode podLabels(List<ObjectNode> resources, String module) {
        return find(resources, "Deployment", module).path("spec").path("template").path("metadata").path("labels");
    }

    /** A LabelSelector (matchLabels, matchExpressions with In / Exists) or a plain label map, against labels. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        boolean structured = selector.has("matchLabels") || selector.has("matchExpressions");
        JsonNode match = structured ? selector.path("matchLabels") : selector;
        var fields = match.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!labels.path(f.getKey()).equals(f.getValue())) {
                return false;
            }
        }
        for (JsonNode e : selector.path("matchExpressions")) {
            String value = labels.path(e.path("key").asText()).asText(null);
            switch (e.path("operator").asText()) {
                case "In" -> {
                    if (value == null || !ComposeFileTest.texts(e.path("values")).contains(value)) {
                        return false;
                    }
                }
                case "Exists" -> {
                    if (value == null) {
                        return false;
                    }
                }
                default -> throw new AssertionError("selector operator not handled: " + e);
            }
        }
        return true;
    }

    private static String namespaceOf(String overlay) {
        return Yaml.object(Checkout.path(overlay + "/kustomization.yaml")).path("namespace").asText();
    }

    private static List<ObjectNode> render(String dir) {
        return new Kustomization().render(Checkout.path(dir));
    }

    private static String name(JsonNode r) {
        return r.path("metadata").path("name").asText();
    }

    private static List<ObjectNode> kinds(List<ObjectNode> resources, String kind) {
        return resources.stream().filter(r -> r.path("kind").asText().equals(kind)).toList();
    }

    private static ObjectNode find(List<ObjectNode> resources, String kind, String name) {
        return resources.stream().filter(r -> r.path("kind").asText().equals(kind) && name(r).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }
}
