package org.labscale.api.trainingset.archive;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.common.RequestBodyStream;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.api.image.rest.UploadForms;
import org.labscale.api.image.service.Rejections;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.shared.account.Role;
import org.labscale.shared.trainingset.TrainingSetVersionDto;

/** Training-set packages: a version as a zip of images, masks and a manifest with checksums, and back. */
@Path("/api/v1")
@Tag(name = "Training sets")
public class TrainingSetPackageResource {

    static final String ZIP = "application/zip";

    @Inject
    TrainingSetExport export;

    @Inject
    TrainingSetImport imports;

    @Inject
    LabAccess access;

    @Inject
    LabscaleConfig config;

    @GET
    @Path("/training-sets/{trainingSetId}/versions/{n}/package")
    @Produces(ZIP)
    @Operation(summary = "The version as a zip: images/, masks/ and manifest.json with each file's SHA-256 and size;"
            + " for whoever may read the version's manifest (reads only)")
    public Response exportVersion(@PathParam("trainingSetId") UUID id, @PathParam("n") int n) {
        TrainingSetExport.Exported e = export.export(id, n);
        StreamingOutput body = e.body()::writeTo;
        return Response.ok(body, ZIP).header("Content-Disposition", "attachment; filename=\"" + e.fileName() + "\"")
                .build();
    }

    @POST
    @Path("/labs/{labId}/training-sets/import")
    // Any Content-Type: access is checked before the body is judged (a viewer hears 403, not 415); a body that is
    // not a package is a 400 naming why.
    @Consumes(MediaType.WILDCARD)
    @RequestBody(required = true, content = @Content(mediaType = ZIP))
    @Operation(summary = "Import a training-set package (zip) as a new training set of the lab, named ?name= (default:"
            + " the manifest's); every checksum, size, image, mask and channel role is checked first, and a refusal"
            + " (4xx naming the file or field) stores nothing (members)")
    public Response importPackage(@PathParam("labId") UUID labId, @QueryParam("name") String name,
                                  @Context HttpServerRequest request) {
        QuarkusTransaction.requiringNew().run(() -> access.requireLab(labId, Role.MEMBER));
        long max = config.upload().maxBytes();
        try (RequestBodyStream body = new RequestBodyStream(request, max, received -> Rejections.tooLarge(received,
                max), UploadForms.IDLE_TIMEOUT)) {
            TrainingSetVersionDto version = imports.importPackage(labId, body, name);
            return Response.status(201).entity(version).build();
        }
    }
}
