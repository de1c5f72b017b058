package org.labscale.api.sharing.rest;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.sharing.service.ModelDeprecation;
import org.labscale.api.sharing.service.ModelSharing;
import org.labscale.shared.sharing.DeprecationDto;
import org.labscale.shared.sharing.DeprecationRequest;
import org.labscale.shared.sharing.UsageDto;

/**
 * What a lab does with its model versions beyond grants: other labs' usage counts and deprecation. The class path is
 * {@code ModelResource}'s, so the router serves both classes' methods under it (a longer class path would hide one).
 */
@Path("/api/v1/labs/{labId}/models")
@Tag(name = "Sharing")
public class ModelVersionSharingResource {

    private static final String VERSION = "/{modelId}/versions/{n}";

    @Inject
    ModelSharing sharing;

    @Inject
    ModelDeprecation deprecation;

    @GET
    @Path(VERSION + "/usage")
    @Operation(summary = "How often other labs segmented with or forked the version (members of its lab)")
    public UsageDto usage(@PathParam("labId") UUID labId, @PathParam("modelId") UUID modelId,
                          @PathParam("n") int n) {
        return sharing.usage(labId, modelId, n);
    }

    @GET
    @Path(VERSION + "/deprecation")
    @Operation(summary = "Whether the version is deprecated, why, and the model's latest version that is not")
    public DeprecationDto deprecation(@PathParam("labId") UUID labId, @PathParam("modelId") UUID modelId,
                                      @PathParam("n") int n) {
        return deprecation.get(labId, modelId, n);
    }

    @PUT
    @Path(VERSION + "/deprecation")
    @Operation(summary = "Deprecate the version with a reason (members): hidden from zoo searches, still usable")
    public DeprecationDto deprecate(@PathParam("labId") UUID labId, @PathParam("modelId") UUID modelId,
                                    @PathParam("n") int n, DeprecationRequest body) {
        return deprecation.deprecate(labId, modelId, n, body == null ? null : body.reason());
    }

    @DELETE
    @Path(VERSION + "/deprecation")
    @Operation(summary = "Take a deprecation back (members)")
    public DeprecationDto undeprecate(@PathParam("labId") UUID labId, @PathParam("modelId") UUID modelId,
                                      @PathParam("n") int n) {
        return deprecation.undeprecate(labId, modelId, n);
    }
}
