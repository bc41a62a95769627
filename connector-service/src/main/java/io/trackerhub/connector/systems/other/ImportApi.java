package io.trackerhub.connector.systems.other;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The Import API of a custom ticket system, as Tracker's "Other" integration read it: one GET of the configured URL
 * answering {@code <external_stories type="array">} in XML. One Accept value, XML: a server that negotiates would
 * otherwise be free to answer JSON.
 */
public interface ImportApi {

    @GET
    @Produces(MediaType.APPLICATION_XML)
    String externalStories();
}
