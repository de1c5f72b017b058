package org.labscale.api.sharing.rest;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.sharing.service.ModelForks;
import org.labscale.api.sharing.service.TrainingSetForks;
import org.labscale.shared.sharing.ForkDto;
import org.labscale.shared.sharing.ForkRequest;

/** Forks: copies of versions the caller may see, made into the lab of the path (its members). */
@Path("/api/v1/labs/{labId}/forks")
@Tag(name = "Sharing")
public class ForkResource {

    @Inject
    ModelForks models;

    @Inject
    TrainingSetForks trainingSets;

    @POST
    @Path("/models")
    @Operation(summary = "Copy a model version the caller may see into this lab as a new model (members)")
    public Response model(@PathParam("labId") UUID labId, ForkRequest body) {
        return created(models.fork(labId, body));
    }

    @POST
    @Path("/training-sets")
    @Operation(summary = "Copy a training-set version the caller may see into this lab as a new training set"
            + " (members): its images and masks are copied into a new project")
    public Response trainingSet(@PathParam("labId") UUID labId, ForkRequest body) {
        return created(trainingSets.fork(labId, body));
    }

    private static Response created(ForkDto fork) {
        return Response.status(201).entity(fork).build();
    }
}
