package org.labscale.api.model.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.common.Paging;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.api.model.service.ModelService;
import org.labscale.api.sharing.service.ModelSharing;
import org.labscale.api.storage.ObjectStore;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.model.ModelDto;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.sharing.SharingDto;
import org.labscale.shared.sharing.VisibilityRequest;

@Path("/api/v1/labs/{labId}/models")
@Tag(name = "Models")
public class ModelResource {

    @Inject
    ModelService models;

    @Inject
    ObjectStore store;

    @Inject
    LabscaleConfig config;

    @Inject
    ModelSharing sharing;

    @GET
    @Operation(summary = "A lab's models, by name")
    public PageDto<ModelDto> list(@PathParam("labId") UUID labId, @QueryParam("page") Integer page,
                                  @QueryParam("size") Integer size) {
        return models.list(labId, Paging.of(page, size));
    }

    @GET
    @Path("/{modelId}")
    @Operation(summary = "One model")
    public ModelDto get(@PathParam("labId") UUID labId, @PathParam("modelId") UUID modelId) {
        return models.get(labId, modelId);
    }

    @GET
    @Path("/{modelId}/versions")
    @Operation(summary = "A model's versions with their cards and members, newest first")
    public PageDto<ModelVersionDto> versions(@PathParam("labId") UUID labId, @PathParam("modelId") UUID modelId,
                                             @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return models.versions(labId, modelId, Paging.of(page, size));
    }

    @GET
    @Path("/{modelId}/versions/{n}")
    @Operation(summary = "One version: its model card and ensemble members (SHA-256, size)")
    public ModelVersionDto version(@PathParam("labId") UUID labId, @PathParam("modelId") UUID modelId,
                                   @PathParam("n") int n) {
        return models.version(labId, modelId, n);
    }

    @GET
    @Path("/{modelId}/versions/{n}/members/{index}")
    @Operation(summary = "A member's ONNX file: 307 to a short-lived presigned S3 URL")
    public Response member(@PathParam("labId") UUID labId, @PathParam("modelId") UUID modelId, @PathParam("n") int n,
                           @PathParam("index") int index) {
        ModelService.StoredMember member = models.member(labId, modelId, n, index);
        return Response.temporaryRedirect(URI.create(store.presignGet(member.key(), config.upload().presignTtl(),
                member.fileName()))).build();
    }

    @GET
    @Path("/{modelId}/versions/{n}/grants")
    @Operation(summary = "How a version is shared: its visibility and the labs granted (members of the lab)")
    public SharingDto grants(@PathParam("labId") UUID labId, @PathParam("modelId") UUID modelId,
                             @PathParam("n") int n) {
        return sharing.sharing(labId, modelId, n);
    }

    @PUT
    @Path("/{modelId}/versions/{n}/grants/{granteeLabId}")
    @Operation(summary = "Let another lab read the version and segment with it (owners)")
    public SharingDto grant(@PathParam("labId") UUID labId, @PathParam("modelId") UUID modelId,
                            @PathParam("n") int n, @PathParam("granteeLabId") UUID granteeLabId) {
        return sharing.grant(labId, modelId, n, granteeLabId);
    }

    @DELETE
    @Path("/{modelId}/versions/{n}/grants/{granteeLabId}")
    @Operation(summary = "Revoke a lab's grant: its new jobs naming the version are refused (owners)")
    public SharingDto revoke(@PathParam("labId") UUID labId, @PathParam("modelId") UUID modelId,
                             @PathParam("n") int n, @PathParam("granteeLabId") UUID granteeLabId) {
        return sharing.revoke(labId, modelId, n, granteeLabId);
    }

    @PUT
    @Path("/{modelId}/versions/{n}/visibility")
    @Operation(summary = "Make the version PUBLIC (every signed-in user) or PRIVATE again (owners; grants stay)")
    public SharingDto visibility(@PathParam("labId") UUID labId, @PathParam("modelId") UUID modelId,
                                 @PathParam("n") int n, VisibilityRequest body) {
        return sharing.visibility(labId, modelId, n, body == null ? null : body.visibility());
    }

    @DELETE
    @Path("/{modelId}/versions/{n}")
    @Operation(summary = "Delete a version (members); 409 while a queued or running job uses it")
    public void delete(@PathParam("labId") UUID labId, @PathParam("modelId") UUID modelId, @PathParam("n") int n) {
        models.deleteVersion(labId, modelId, n);
    }
}
