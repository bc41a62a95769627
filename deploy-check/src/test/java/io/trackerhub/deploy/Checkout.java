package io.trackerhub.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository this module sits in, and its service modules. */
final class Checkout {

    /** The hub's own services, deployed by compose and to Kubernetes. */
    static final List<String> SERVICES = List.of("webhook-ingest-service", "poller-service", "connector-service",
            "timesheet-service", "notification-service", "tracker-archive");
    /**
     * Modules that become a container image (src/main/docker/Dockerfile.jvm): the services and the simulator, a test
     * tool that compose runs and Kubernetes does not.
     */
    static final List<String> IMAGE_MODULES = Stream.concat(SERVICES.stream(), Stream.of("tracker-simulator")).toList();

    static final Path ROOT = findRoot();

    private Checkout() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    private static Path findRoot() {
        Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("docker-compose.yml")) && Files.isDirectory(d.resolve("deploy-check"))) {
                return d;
            }
        }
        throw new IllegalStateException("no repository root above " + dir);
    }
}
