package org.labscale.api.model.bioimageio;

import java.io.InputStream;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.shared.model.ModelVersionDto;

/** bioimage.io model packages: export a version, import a package as a new version. */
@Path("/api/v1/labs/{labId}/models")
@Tag(name = "Models")
public class BioimageioResource {

    static final String ZIP = "application/zip";

    @Inject
    BioimageioExport export;

    @Inject
    BioimageioImport imports;

    @GET
    @Path("/{modelId}/versions/{n}/bioimageio")
    @Produces(ZIP)
    @Operation(summary = "The version as a bioimage.io model package (rdf.yaml 0.5, one ONNX graph with the"
            + " normalisation inside, test tensors, cover); for whoever may read the version")
    public Response exportVersion(@PathParam("labId") UUID labId, @PathParam("modelId") UUID modelId,
                                  @PathParam("n") int n) {
        BioimageioExport.Exported e = export.export(labId, modelId, n);
        return Response.ok(e.zip(), ZIP).header("Content-Disposition", "attachment; filename=\"" + e.fileName()
                + "\"").build();
    }

    @POST
    @Path("/bioimageio")
    // Any Content-Type: access is checked before the body is judged (a viewer hears 403, not 415); a body that is
    // not a bioimage.io zip is a 400 from the importer.
    @Consumes(MediaType.WILDCARD)
    @RequestBody(required = true, content = @Content(mediaType = ZIP))
    @Operation(summary = "Import a bioimage.io model package (zip) as a new version of model ?name= (default: the"
            + " package's name); 400 naming why Labscale cannot run it (members)")
    public Response importPackage(@PathParam("labId") UUID labId, @QueryParam("name") String name, InputStream body) {
        ModelVersionDto version = imports.importPackage(labId, body, name);
        return Response.status(201).entity(version).build();
    }
}
