package io.trackerhub.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The repository this module sits in, and its service modules. */
final class Checkout {

    /** Modules that become a container image (src/main/docker/Dockerfile.jvm). */
    static final List<String> IMAGE_MODULES = List.of("webhook-ingest-service", "poller-service", "connector-service",
            "timesheet-service", "notification-service", "tracker-simulator", "tracker-archive");
    /**
     * The hub's own services deployed to Kubernetes (the simulator is a test tool, compose only; the archive is in
     * compose and gets its manifests with the deployment issue).
     */
    static final List<String> SERVICES = IMAGE_MODULES.subList(0, 5);

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
