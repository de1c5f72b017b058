package org.labscale.api.account.rest;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.labscale.api.account.security.Caller;
import org.labscale.api.account.service.AccountService;
import org.labscale.api.common.Paging;
import org.labscale.shared.account.CreateUserRequest;
import org.labscale.shared.account.CreatedUserDto;
import org.labscale.shared.account.UserDto;
import org.labscale.shared.api.PageDto;

/** Account administration, for platform administrators only. */
@Path("/api/v1")
@Tag(name = "Administration")
public class AdminUserResource {

    @Inject
    AccountService accounts;

    @Inject
    Caller caller;

    @GET
    @Path("/admin/users")
    @Operation(summary = "All accounts")
    public PageDto<UserDto> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        caller.requirePlatformAdmin();
        return accounts.list(Paging.of(page, size));
    }

    @POST
    @Path("/admin/users")
    @ResponseStatus(201)
    @Operation(summary = "Create an account; without a password one is generated and returned once")
    public CreatedUserDto create(CreateUserRequest request) {
        caller.requirePlatformAdmin();
        return accounts.create(request);
    }

    @POST
    @Path("/admin/users/{userId}/disable")
    @Operation(summary = "Disable an account and revoke its tokens")
    public UserDto disable(@PathParam("userId") UUID userId) {
        caller.requirePlatformAdmin();
        return accounts.setDisabled(userId, true);
    }

    @POST
    @Path("/admin/users/{userId}/enable")
    @Operation(summary = "Enable a disabled account")
    public UserDto enable(@PathParam("userId") UUID userId) {
        caller.requirePlatformAdmin();
        return accounts.setDisabled(userId, false);
    }
}
