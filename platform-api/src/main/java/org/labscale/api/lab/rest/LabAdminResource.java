package org.labscale.api.lab.rest;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.account.security.Caller;
import org.labscale.api.lab.service.MemberService;
import org.labscale.shared.lab.MemberDto;

/** Repairs of labs, for platform administrators only. */
@Path("/api/v1")
@Tag(name = "Administration")
public class LabAdminResource {

    @Inject
    MemberService members;

    @Inject
    Caller caller;

    @PUT
    @Path("/admin/labs/{labId}/owners/{userId}")
    @Operation(summary = "Make an account an owner of a lab, member or not (repairs a lab without a usable owner)")
    public MemberDto makeOwner(@PathParam("labId") UUID labId, @PathParam("userId") UUID userId) {
        caller.requirePlatformAdmin();
        return members.makeOwner(labId, userId);
    }
}
