package io.trackerhub.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each module's src/main/docker/Dockerfile.jvm: any base, Quarkus's JVM layout, the service's port, non-root, its JVM options. */
class DockerfileTest {

    @Test
    void everyImageCopiesTheQuarkusAppLayoutAndRunsAsNonRootOnTheServicePort() {
        for (String module : Checkout.IMAGE_MODULES) {
            List<String> lines = Yaml.read(Checkout.path(module + "/src/main/docker/Dockerfile.jvm")).lines().toList();
            // any base: ARG BASE_IMAGE (default the UBI OpenJDK 17 runtime) and an entry point of its own
            assertThat(lines).as(module).anyMatch(l -> l.startsWith("ARG BASE_IMAGE=") && l.contains("openjdk-17"));
            assertThat(lines).as(module).contains("FROM ${BASE_IMAGE}");
            assertThat(String.join("\n", lines)).as(module).doesNotContain("/opt/jboss", "curl");
            for (String dir : List.of("lib/", "*.jar", "app/", "quarkus/")) {
                assertThat(lines).as("%s copies target/quarkus-app/%s", module, dir)
                        .anyMatch(l -> l.startsWith("COPY ") && l.contains("target/quarkus-app/" + dir));
            }
            assertThat(lines).contains("EXPOSE " + ServiceConfig.of(module).port());
            String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow()
                    .substring(5).trim();
            assertThat(user).as("%s runs as", module).isNotIn("0", "root");
            assertThat(lines).contains("ENTRYPOINT [ \"/bin/sh\", \"-c\", "
                    + "\"exec java $JAVA_OPTS $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar\" ]");
            assertThat(Checkout.path(module + "/.dockerignore")).as("%s/.dockerignore", module).exists();
        }
    }

    @Test
    void ingestImageRunsWithTheMeasuredOptionsOfJvmOptions() {
        List<String> options = Yaml.read(Checkout.path("webhook-ingest-service/jvm.options")).lines()
                .map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty()).toList();
        String javaOpts = javaOptsAppend("webhook-ingest-service");
        assertThat(options).isNotEmpty();
        assertThat(List.of(javaOpts.split(" "))).containsAll(options);
    }

    @Test
    void otherImagesBoundTheHeapAsMeasured() {
        for (String module : Checkout.IMAGE_MODULES) {
            if (!module.equals("webhook-ingest-service")) {
                assertThat(javaOptsAppend(module)).as(module).contains("-Xmx256m");
            }
        }
    }

    private static String javaOptsAppend(String module) {
        String line = Yaml.read(Checkout.path(module + "/src/main/docker/Dockerfile.jvm")).lines()
                .filter(l -> l.startsWith("ENV JAVA_OPTS_APPEND=")).findFirst().orElseThrow();
        return line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'));
    }
}
