package org.labscale.api.lab.rest;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.common.Paging;
import org.labscale.api.lab.service.MemberService;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.lab.MemberDto;
import org.labscale.shared.lab.MemberRoleRequest;

@Path("/api/v1")
@Tag(name = "Labs")
public class MemberResource {

    @Inject
    MemberService members;

    @GET
    @Path("/labs/{labId}/members")
    @Operation(summary = "A lab's members")
    public PageDto<MemberDto> list(@PathParam("labId") UUID labId, @QueryParam("page") Integer page,
                                   @QueryParam("size") Integer size) {
        return members.list(labId, Paging.of(page, size));
    }

    @PUT
    @Path("/labs/{labId}/members/{userId}")
    @Operation(summary = "Change a member's role (owners)")
    public MemberDto changeRole(@PathParam("labId") UUID labId, @PathParam("userId") UUID userId,
                                MemberRoleRequest request) {
        return members.changeRole(labId, userId, request == null ? null : request.role());
    }

    @DELETE
    @Path("/labs/{labId}/members/{userId}")
    @Operation(summary = "Remove a member (owners), or leave the lab (yourself)")
    public void remove(@PathParam("labId") UUID labId, @PathParam("userId") UUID userId) {
        members.remove(labId, userId);
    }
}
