package io.trackerhub.poller.integrations;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where Tracker should post web hooks: the ingest service as Tracker reaches it ({@code HUB_INGEST_PUBLIC_URL}). */
@ConfigMapping(prefix = "hub.ingest")
interface IngestConfig {

    /** The base of every {@code webhook_url}. */
    @WithDefault("http://localhost:8081")
    String publicUrl();
}
