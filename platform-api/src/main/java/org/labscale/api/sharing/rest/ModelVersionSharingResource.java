package org.labscale.api.sharing.rest;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.sharing.service.ModelDeprecation;
import org.labscale.api.sharing.service.ModelForks;
import org.labscale.api.sharing.service.ModelSharing;
import org.labscale.shared.sharing.DeprecationDto;
import org.labscale.shared.sharing.DeprecationRequest;
import org.labscale.shared.sharing.ForkDto;
import org.labscale.shared.sharing.ForkRequest;
import org.labscale.shared.sharing.UsageDto;

/** What a lab does with model versions beyond grants: usage counts, deprecation, and forks into its own lab. */
@Path("/api/v1")
@Tag(name = "Sharing")
public class ModelVersionSharingResource {

    private static final String VERSION = "/labs/{labId}/models/{modelId}/versions/{n}";

    @Inject
    ModelSharing sharing;

    @Inject
    ModelDeprecation deprecation;

    @Inject
    ModelForks forks;

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

    @POST
    @Path("/labs/{labId}/forks/models")
    @Operation(summary = "Copy a model version the caller may see into this lab as a new model (members)")
    public Response fork(@PathParam("labId") UUID labId, ForkRequest body) {
        ForkDto fork = forks.fork(labId, body);
        return Response.status(201).entity(fork).build();
    }
}
