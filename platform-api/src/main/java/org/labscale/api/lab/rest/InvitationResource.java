package org.labscale.api.lab.rest;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.labscale.api.account.security.PublicEndpoint;
import org.labscale.api.common.Paging;
import org.labscale.api.lab.service.InvitationService;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.lab.AcceptInvitationRequest;
import org.labscale.shared.lab.InvitationDto;
import org.labscale.shared.lab.InvitationRequest;
import org.labscale.shared.account.MembershipDto;

@Path("/api/v1")
@Tag(name = "Labs")
public class InvitationResource {

    @Inject
    InvitationService invitations;

    @GET
    @Path("/labs/{labId}/invitations")
    @Operation(summary = "A lab's invitations (owners)")
    public PageDto<InvitationDto> list(@PathParam("labId") UUID labId, @QueryParam("page") Integer page,
                                       @QueryParam("size") Integer size) {
        return invitations.list(labId, Paging.of(page, size));
    }

    @POST
    @Path("/labs/{labId}/invitations")
    @ResponseStatus(201)
    @Operation(summary = "Invite an e-mail address (owners); the token is in this answer only")
    public InvitationDto invite(@PathParam("labId") UUID labId, InvitationRequest request) {
        return invitations.invite(labId, request);
    }

    @DELETE
    @Path("/labs/{labId}/invitations/{invitationId}")
    @Operation(summary = "Revoke an open invitation (owners)")
    public void revoke(@PathParam("labId") UUID labId, @PathParam("invitationId") UUID invitationId) {
        invitations.revoke(labId, invitationId);
    }

    @POST
    @Path("/invitations/accept")
    @PublicEndpoint
    @Operation(summary = "Accept an invitation: signed in, or creating an account for the invited address")
    public MembershipDto accept(AcceptInvitationRequest request) {
        return invitations.accept(request);
    }
}
