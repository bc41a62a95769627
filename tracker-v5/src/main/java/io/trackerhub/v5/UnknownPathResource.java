package io.trackerhub.v5;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Any other path under the Tracker API answers Tracker's 404 body (e.g. {@code /projects//epics}, as recorded). */
@Path("/services/v5")
public class UnknownPathResource {

    @GET
    @Path("{path: .*}")
    @Operation(hidden = true)
    public void get() {
        throw TrackerException.unfound();
    }

    @POST
    @Path("{path: .*}")
    @Operation(hidden = true)
    public void post() {
        throw TrackerException.unfound();
    }

    @PUT
    @Path("{path: .*}")
    @Operation(hidden = true)
    public void put() {
        throw TrackerException.unfound();
    }

    @DELETE
    @Path("{path: .*}")
    @Operation(hidden = true)
    public void delete() {
        throw TrackerException.unfound();
    }
}
