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
import org.labscale.api.sharing.service.TrainingSetSharing;
import org.labscale.shared.sharing.SharingDto;
import org.labscale.shared.sharing.UsageDto;
import org.labscale.shared.sharing.VisibilityRequest;

/** Sharing of training-set versions: grants, visibility, other labs' use (the rules of model versions). */
@Path("/api/v1")
@Tag(name = "Sharing")
public class TrainingSetSharingResource {

    private static final String VERSION = "/training-sets/{trainingSetId}/versions/{n}";

    @Inject
    TrainingSetSharing sharing;


    @GET
    @Path(VERSION + "/grants")
    @Operation(summary = "How a training-set version is shared: its visibility and the labs granted (members)")
    public SharingDto grants(@PathParam("trainingSetId") UUID id, @PathParam("n") int n) {
        return sharing.sharing(id, n);
    }

    @PUT
    @Path(VERSION + "/grants/{granteeLabId}")
    @Operation(summary = "Let another lab read the version's manifest and train on it (owners)")
    public SharingDto grant(@PathParam("trainingSetId") UUID id, @PathParam("n") int n,
                            @PathParam("granteeLabId") UUID granteeLabId) {
        return sharing.grant(id, n, granteeLabId);
    }

    @DELETE
    @Path(VERSION + "/grants/{granteeLabId}")
    @Operation(summary = "Revoke a lab's grant: its new training jobs naming the version are refused (owners)")
    public SharingDto revoke(@PathParam("trainingSetId") UUID id, @PathParam("n") int n,
                             @PathParam("granteeLabId") UUID granteeLabId) {
        return sharing.revoke(id, n, granteeLabId);
    }

    @PUT
    @Path(VERSION + "/visibility")
    @Operation(summary = "Make the version PUBLIC (every signed-in user) or PRIVATE again (owners; grants stay)")
    public SharingDto visibility(@PathParam("trainingSetId") UUID id, @PathParam("n") int n, VisibilityRequest body) {
        return sharing.visibility(id, n, body == null ? null : body.visibility());
    }

    @GET
    @Path(VERSION + "/usage")
    @Operation(summary = "How often other labs trained on or forked the version (members)")
    public UsageDto usage(@PathParam("trainingSetId") UUID id, @PathParam("n") int n) {
        return sharing.usage(id, n);
    }
}
