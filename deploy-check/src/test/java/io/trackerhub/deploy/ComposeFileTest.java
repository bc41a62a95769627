package io.trackerhub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.trackerhub.events.kafka.Topics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml against the Compose file format and against what every service's configuration needs. */
class ComposeFileTest {

    private static final Set<String> TOP_LEVEL = Set.of("name", "services", "volumes", "networks", "configs", "secrets");
    /** The Compose specification's service attributes this file may use (a subset of the spec's list). */
    private static final Set<String> SERVICE_KEYS = Set.of("image", "build", "environment", "env_file", "ports",
            "volumes", "healthcheck", "depends_on", "restart", "entrypoint", "command", "stop_grace_period", "user",
            "networks", "mem_limit", "labels");
    private static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy",
            "service_completed_successfully");
    // ${VAR} that Compose interpolates; $${VAR} is a literal "${VAR}" for the container's shell (the health checks)
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)(?:(?::?[-?])[^}]*)?}");

    private static JsonNode compose;
    private static String composeText;

    @BeforeAll
    static void read() {
        compose = Yaml.object(Checkout.path("docker-compose.yml"));
        composeText = Yaml.read(Checkout.path("docker-compose.yml"));
    }

    @Test
    void isValidAgainstTheComposeSpecificationSchema() throws IOException {
        JsonSchema schema = composeSchema();
        Set<ValidationMessage> errors = schema.validate(compose);
        assertThat(errors).as("docker-compose.yml against the Compose schema").isEmpty();
    }

    @Test
    void schemaValidationReportsAnAttributeTheSpecificationDoesNotHave() throws IOException {
        JsonSchema schema = composeSchema();
        ObjectNode broken = compose.deepCopy();
        ((ObjectNode) broken.path("services").path("poller-service")).put("healthcheks", "typo");
        assertThat(schema.validate(broken)).isNotEmpty();
    }

    /** Where docker-compose is installed (Debian's package: 1.29), its own check as well; skipped elsewhere. */
    @Test
    void dockerComposeAcceptsTheFileWithTheExampleEnvironment() throws Exception {
        Optional<Path> binary = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, "docker-compose")).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(binary.isPresent(), "docker-compose is not installed");
        Process check = new ProcessBuilder(binary.get().toString(), "--env-file", ".env.example",
                "-f", "docker-compose.yml", "config", "-q")
                .directory(Checkout.ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as("docker-compose config -q says: %s", output).isZero();
    }

    @Test
    void usesOnlyComposeSpecificationKeysAndEveryServiceHasAnImage() {
        compose.fieldNames().forEachRemaining(k -> assertThat(TOP_LEVEL).as("top-level key").contains(k));
        compose.get("services").fields().forEachRemaining(s -> {
            s.getValue().fieldNames().forEachRemaining(k -> assertThat(SERVICE_KEYS)
                    .as("attribute %s of service %s", k, s.getKey()).contains(k));
            assertThat(s.getValue().path("image").asText()).as("image of %s", s.getKey()).isNotBlank();
            JsonNode hc = s.getValue().path("healthcheck");
            if (!hc.isMissingNode()) {
                assertThat(hc.path("test").get(0).asText()).as("healthcheck of %s", s.getKey()).isIn("CMD", "CMD-SHELL");
            }
        });
    }

    @Test
    void buildsEveryModuleImageFromItsDockerfileWithTheModulesPortAndReadinessCheck() {
        for (String module : Checkout.IMAGE_MODULES) {
            ServiceConfig config = ServiceConfig.of(module);
            JsonNode service = compose.path("services").path(module);
            assertThat(service.isObject()).as("compose service %s", module).isTrue();
            assertThat(service.path("image").asText()).isEqualTo("trackerhub/" + module + ":${TAG:-latest}");
            Path context = Checkout.ROOT.resolve(service.path("build").path("context").asText()).normalize();
            assertThat(context).isEqualTo(Checkout.path(module));
            assertThat(context.resolve(service.path("build").path("dockerfile").asText())).exists()
                    .isEqualTo(context.resolve("src/main/docker/Dockerfile.jvm"));
            int port = config.port();
            assertThat(texts(service.path("ports"))).as("ports of %s", module).containsExactly(port + ":" + port);
            // the readiness check needs only bash (no curl, which not every base image has): GET over /dev/tcp, on
            // QUARKUS_HTTP_PORT when set (deploy/docker/compose.local.yml moves the ports), else the module's own
            List<String> check = texts(service.path("healthcheck").path("test"));
            assertThat(check).as("health check of %s", module).startsWith("CMD", "bash", "-c").hasSize(4);
            assertThat(check.get(3)).as("health check of %s", module)
                    .contains("/dev/tcp/127.0.0.1/$${QUARKUS_HTTP_PORT:-" + port + "}", "GET /q/health/ready ", " 200")
                    .doesNotContain("curl");
        }
    }

    @Test
    void localOverrideRunsEveryServiceOnTheLocalBaseWithHostNetworkingAndItsOwnPort() throws IOException {
        // deploy/docker/compose.local.yml (deploy/docker/smoke): no registry, no bridge network
        JsonNode local = Yaml.object(Checkout.path("deploy/docker/compose.local.yml"));
        assertThat(composeSchema().validate(local)).as("compose.local.yml against the Compose schema").isEmpty();
        Set<String> ports = new HashSet<>();
        local.get("services").fields().forEachRemaining(s -> {
            assertThat(compose.path("services").has(s.getKey())).as("%s is a service of docker-compose.yml", s.getKey()).isTrue();
            assertThat(s.getValue().path("network_mode").asText()).as("network_mode of %s", s.getKey()).isEqualTo("host");
        });
        for (String module : Checkout.IMAGE_MODULES) {
            JsonNode service = local.path("services").path(module);
            assertThat(service.path("build").path("args").path("BASE_IMAGE").asText()).as("base of %s", module)
                    .startsWith("trackerhub-local/base:");
            String port = service.path("environment").path("QUARKUS_HTTP_PORT").asText();
            assertThat(port).as("QUARKUS_HTTP_PORT of %s", module).isNotBlank()
                    .isNotEqualTo(Integer.toString(ServiceConfig.of(module).port()));
            assertThat(ports.add(port)).as("port %s of %s is unique", port, module).isTrue();
        }
        for (String image : List.of("kafka", "postgres")) {
            assertThat(Checkout.path("deploy/docker/" + image + "/Dockerfile")).exists();
        }
        assertThat(Checkout.path("deploy/docker/smoke")).isExecutable();
    }

    @Test
    void givesEveryServiceTheVariablesItsConfigurationReads() {
        for (String module : Checkout.IMAGE_MODULES) {
            ServiceConfig config = ServiceConfig.of(module);
            JsonNode env = compose.path("services").path(module).path("environment");
            Set<String> names = new HashSet<>();
            env.fieldNames().forEachRemaining(names::add);
            assertThat(names).as("environment of %s", module).containsAll(config.requiredVariables());
            if (config.usesKafka()) {
                assertThat(env.path("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
            }
            if (config.usesDatabase()) {
                assertThat(env.path("QUARKUS_DATASOURCE_JDBC_URL").asText())
                        .startsWith("jdbc:postgresql://postgres:5432/");
            }
            for (String name : names) {
                // MicroProfile Config maps a variable back to a property: a typo would be silently ignored
                assertThat(name).matches("[A-Z0-9_]+");
            }
        }
        assertThat(compose.path("services").path("poller-service").path("environment").path("HUB_INGEST_PUBLIC_URL")
                .asText()).contains("webhook-ingest-service:" + ServiceConfig.of("webhook-ingest-service").port());
    }

    @Test
    void postgresAllowsEveryPoolAtItsFullSize() {
        // Agroal's default pool is 20; a service's application.properties or its Compose environment may change it
        int pools = 0;
        for (String module : Checkout.SERVICES) {
            ServiceConfig config = ServiceConfig.of(module);
            if (config.usesDatabase()) {
                String size = compose.path("services").path(module).path("environment")
                        .path("QUARKUS_DATASOURCE_JDBC_MAX_SIZE")
                        .asText(config.properties().getProperty("quarkus.datasource.jdbc.max-size", "20"));
                pools += Integer.parseInt(size);
            }
        }
        List<String> command = new ArrayList<>();
        compose.path("services").path("postgres").path("command").forEach(c -> command.add(c.asText()));
        int max = command.stream().filter(c -> c.startsWith("max_connections="))
                .mapToInt(c -> Integer.parseInt(c.substring("max_connections=".length()))).findFirst().orElse(100);
        assertThat(pools).as("pools against max_connections %d less 3 kept for superusers", max)
                .isLessThanOrEqualTo(max - 3);
    }

    @Test
    void startsServicesOnlyAfterTheirDependenciesAreHealthy() {
        compose.get("services").fields().forEachRemaining(s -> s.getValue().path("depends_on").fields()
                .forEachRemaining(d -> {
                    JsonNode dependency = compose.path("services").path(d.getKey());
                    assertThat(dependency.isObject()).as("%s depends on %s", s.getKey(), d.getKey()).isTrue();
                    String condition = d.getValue().path("condition").asText();
                    assertThat(condition).isIn(CONDITIONS);
                    if (condition.equals("service_healthy")) {
                        assertThat(dependency.has("healthcheck")).as("%s has a health check", d.getKey()).isTrue();
                    }
                }));
        for (String module : Checkout.SERVICES) {
            JsonNode deps = compose.path("services").path(module).path("depends_on");
            if (ServiceConfig.of(module).usesDatabase()) {
                assertThat(deps.path("postgres").path("condition").asText()).isEqualTo("service_healthy");
            }
            if (ServiceConfig.of(module).usesKafka()) {
                assertThat(deps.path("kafka-topics").path("condition").asText())
                        .as("%s waits for the topics", module).isEqualTo("service_completed_successfully");
            }
        }
        assertThat(compose.path("services").path("kafka-topics").path("depends_on").path("kafka").path("condition")
                .asText()).isEqualTo("service_healthy");
    }

    @Test
    void everyVariableItUsesIsDocumentedInEnvExample() throws IOException {
        Properties example = new Properties();
        try (Reader in = Files.newBufferedReader(Checkout.path(".env.example"))) {
            example.load(in);
        }
        Matcher m = VARIABLE.matcher(composeText);
        List<String> used = new ArrayList<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).isNotEmpty();
        assertThat(example.stringPropertyNames()).containsAll(used);
        // every secret a service refuses to start without is set there, long enough for the prod profile
        for (String module : Checkout.SERVICES) {
            for (String secret : ServiceConfig.of(module).requiredSecretVariables()) {
                assertThat(example.getProperty(secret)).as(secret).hasSizeGreaterThanOrEqualTo(32);
            }
        }
    }

    @Test
    void namedVolumesAreDeclaredAndMountedFilesExist() {
        compose.get("services").fields().forEachRemaining(s -> {
            for (JsonNode v : s.getValue().path("volumes")) {
                String source = v.asText().split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(Checkout.ROOT.resolve(source).normalize()).as("mounted by %s", s.getKey()).exists();
                } else {
                    assertThat(compose.path("volumes").has(source)).as("volume %s declared", source).isTrue();
                }
            }
        });
        assertThat(compose.path("services").path("postgres").path("image").asText()).startsWith("postgres:16");
        assertThat(compose.path("services").path("kafka").path("image").asText()).startsWith("apache/kafka:");
        assertThat(compose.path("services").path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
                .isEqualTo("broker,controller");
    }

    @Test
    void postgresInitScriptCreatesTheSchemaOfEveryService() {
        String init = Yaml.read(Checkout.path("deploy/postgres/init.sql"));
        for (String module : Checkout.SERVICES) {
            ServiceConfig.of(module).schema().ifPresent(schema ->
                    assertThat(init).contains("CREATE SCHEMA IF NOT EXISTS " + schema + ";"));
        }
    }

    @Test
    void topicScriptCreatesEveryTopicWithItsPartitionsAndCleanupPolicy() {
        String script = Yaml.read(Checkout.path("deploy/kafka/create-topics.sh"));
        List<String> lines = script.lines().filter(l -> l.startsWith("topic ")).toList();
        assertThat(lines).hasSameSizeAs(Topics.ALL);
        List<JsonNode> kafkaTopics = Yaml.documents(Checkout.path("k8s/base/kafka/topics.yaml"));
        for (Topics.Topic t : Topics.ALL) {
            // retention as on Kubernetes (hub.deadletter: 30 days), where the KafkaTopic sets one
            JsonNode config = kafkaTopics.stream().filter(k -> k.path("spec").path("topicName").asText().equals(t.name()))
                    .findFirst().orElseThrow().path("spec").path("config");
            String retention = config.has("retention.ms") ? " " + config.get("retention.ms").asText() : "";
            assertThat(lines).contains("topic " + t.name() + " " + t.partitions() + " "
                    + (t.compacted() ? "compact" : "delete") + retention);
        }
    }

    /**
     * The vendored schema (src/test/resources/compose/README.md). Its sub-schemas carry draft-04 style {@code "id"}
     * names, which draft 2019-09 does not know; they are only labels and are left out.
     */
    private static JsonSchema composeSchema() throws IOException {
        JsonNode json;
        try (InputStream in = ComposeFileTest.class.getResourceAsStream("/compose/compose-spec.json")) {
            json = new ObjectMapper().readTree(in);
        }
        dropIdLabels(json);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(json);
    }

    private static void dropIdLabels(JsonNode node) {
        if (node instanceof ObjectNode o && o.path("id").isTextual()) {
            o.remove("id");
        }
        node.forEach(ComposeFileTest::dropIdLabels);
    }

    static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

}
