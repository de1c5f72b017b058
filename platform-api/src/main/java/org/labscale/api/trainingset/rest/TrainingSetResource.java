package org.labscale.api.trainingset.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.common.Etags;
import org.labscale.api.common.Paging;
import org.labscale.api.trainingset.service.TrainingSetService;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.trainingset.TrainingSetDto;
import org.labscale.shared.trainingset.TrainingSetRequest;
import org.labscale.shared.trainingset.TrainingSetVersionDto;
import org.labscale.shared.trainingset.TrainingSetVersionRequest;

@Path("/api/v1")
@Tag(name = "Training sets")
public class TrainingSetResource {

    @Inject
    TrainingSetService sets;

    @POST
    @Path("/labs/{labId}/training-sets")
    @Operation(summary = "Create a training set (members and owners)")
    public Response create(@PathParam("labId") UUID labId, TrainingSetRequest request) {
        TrainingSetDto set = sets.create(labId, request);
        return Response.created(URI.create("/api/v1/training-sets/" + set.id())).tag(Etags.of(set.version()))
                .entity(set).build();
    }

    @GET
    @Path("/labs/{labId}/training-sets")
    @Operation(summary = "A lab's training sets, by name")
    public PageDto<TrainingSetDto> list(@PathParam("labId") UUID labId, @QueryParam("page") Integer page,
                                        @QueryParam("size") Integer size) {
        return sets.list(labId, Paging.of(page, size));
    }

    @GET
    @Path("/training-sets/{trainingSetId}")
    @Operation(summary = "One training set")
    public Response get(@PathParam("trainingSetId") UUID id) {
        TrainingSetDto set = sets.get(id);
        return Response.ok(set).tag(Etags.of(set.version())).build();
    }

    @PATCH
    @Path("/training-sets/{trainingSetId}")
    @Operation(summary = "Rename or describe a training set; honours If-Match")
    public Response update(@PathParam("trainingSetId") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           TrainingSetRequest request) {
        TrainingSetDto set = sets.update(id, request, ifMatch);
        return Response.ok(set).tag(Etags.of(set.version())).build();
    }

    @DELETE
    @Path("/training-sets/{trainingSetId}")
    @Operation(summary = "Delete a training set with all its versions; honours If-Match")
    public void delete(@PathParam("trainingSetId") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        sets.delete(id, ifMatch);
    }

    @POST
    @Path("/training-sets/{trainingSetId}/versions")
    @Operation(summary = "Freeze a new immutable version from (image, annotation version, channel roles) items")
    public Response createVersion(@PathParam("trainingSetId") UUID id, TrainingSetVersionRequest request) {
        TrainingSetVersionDto version = sets.createVersion(id, request);
        return Response.created(URI.create("/api/v1/training-sets/" + id + "/versions/" + version.version()))
                .entity(version).build();
    }

    @GET
    @Path("/training-sets/{trainingSetId}/versions")
    @Operation(summary = "A training set's versions, newest first")
    public PageDto<TrainingSetVersionDto> versions(@PathParam("trainingSetId") UUID id, @QueryParam("page") Integer page,
                                                   @QueryParam("size") Integer size) {
        return sets.versions(id, Paging.of(page, size));
    }

    @GET
    @Path("/training-sets/{trainingSetId}/versions/{n}")
    @Operation(summary = "One version with its frozen items")
    public TrainingSetVersionDto version(@PathParam("trainingSetId") UUID id, @PathParam("n") int n) {
        return sets.version(id, n);
    }
}
