package io.trackerhub.archive.api;

import io.smallrye.common.annotation.Blocking;
import io.trackerhub.archive.imports.Importer;
import io.trackerhub.kit.auth.Roles;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.util.List;

/** Imports of Tracker CSV exports. */
@Path("/api/archives")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
@Tag(name = "archives", description = "Tracker CSV exports imported into the archive")
public class ArchiveResource {

    private final Importer importer;

    public ArchiveResource(Importer importer) {
        this.importer = importer;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Import a Tracker CSV export",
            description = "multipart: file (the zip of Export CSV, or its stories CSV, and the epics CSV; repeatable), project_name (default: "
                    + "the file's name), project_id (the original Tracker id, when known). dry_run=true answers the report without storing. "
                    + "201 {id, project_ids, report: {stories, epics, tasks, comments, unknown_columns, unreadable_cells}}")
    public Response importExport(@RestForm("file") List<FileUpload> files, @RestForm("project_name") String projectName,
                                 @RestForm("project_id") String projectId, @QueryParam("dry_run") String dryRunQuery,
                                 @RestForm("dry_run") String dryRunForm) {
        if (files == null || files.isEmpty()) {
            throw ProblemException.invalid("file", "is required: the zip of Tracker's Export CSV, or its stories CSV (multipart field 'file')");
        }
        Long id = null;
        if (projectId != null && !projectId.isBlank()) {
            if (!projectId.strip().matches("[1-9][0-9]{0,17}")) {
                throw ProblemException.invalid("project_id", "'" + projectId + "' is not a Tracker project id");
            }
            id = Long.parseLong(projectId.strip());
        }
        boolean dryRun = flag("dry_run", dryRunQuery) || flag("dry_run", dryRunForm);
        List<Importer.Upload> uploads = files.stream().map(f -> new Importer.Upload(f.fileName(), f.uploadedFile())).toList();
        Importer.Result result = importer.run(uploads, projectName, id, dryRun);
        return Response.status(dryRun ? 200 : 201).entity(result).build();
    }

    private static boolean flag(String field, String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw ProblemException.invalid(field, "'" + value + "' is neither true nor false");
    }
}
