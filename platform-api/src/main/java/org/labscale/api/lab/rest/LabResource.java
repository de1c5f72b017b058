package org.labscale.api.lab.rest;

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
import org.labscale.api.lab.service.LabService;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.lab.LabDto;
import org.labscale.shared.lab.LabRequest;

@Path("/api/v1")
@Tag(name = "Labs")
public class LabResource {

    @Inject
    LabService labs;

    @GET
    @Path("/labs")
    @Operation(summary = "The caller's labs")
    public PageDto<LabDto> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return labs.listMine(Paging.of(page, size));
    }

    @POST
    @Path("/labs")
    @Operation(summary = "Create a lab; the caller becomes its owner")
    public Response create(LabRequest request) {
        LabDto lab = labs.create(request);
        return Response.status(201).tag(Etags.of(lab.version())).entity(lab).build();
    }

    @GET
    @Path("/labs/{labId}")
    @Operation(summary = "One lab")
    public Response get(@PathParam("labId") UUID labId) {
        LabDto lab = labs.get(labId);
        return Response.ok(lab).tag(Etags.of(lab.version())).build();
    }

    @PATCH
    @Path("/labs/{labId}")
    @Operation(summary = "Rename or describe a lab (owners); honours If-Match")
    public Response update(@PathParam("labId") UUID labId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           LabRequest request) {
        LabDto lab = labs.update(labId, request, ifMatch);
        return Response.ok(lab).tag(Etags.of(lab.version())).build();
    }

    @DELETE
    @Path("/labs/{labId}")
    @Operation(summary = "Delete a lab with all its data (owners); honours If-Match")
    public void delete(@PathParam("labId") UUID labId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        labs.delete(labId, ifMatch);
    }
}
