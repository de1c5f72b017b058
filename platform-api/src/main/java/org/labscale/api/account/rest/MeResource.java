package org.labscale.api.account.rest;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.labscale.api.account.security.Caller;
import org.labscale.api.account.security.RevokesOwnToken;
import org.labscale.api.account.service.AccountService;
import org.labscale.api.account.service.TokenService;
import org.labscale.api.common.Paging;
import org.labscale.shared.account.ChangePasswordRequest;
import org.labscale.shared.account.CreateTokenRequest;
import org.labscale.shared.account.CreateUserRequest;
import org.labscale.shared.account.MeDto;
import org.labscale.shared.account.TokenDto;
import org.labscale.shared.account.UserDto;
import org.labscale.shared.api.PageDto;

@Path("/api/v1")
@Tag(name = "Accounts")
public class MeResource {

    @Inject
    AccountService accounts;

    @Inject
    TokenService tokens;

    @Inject
    Caller caller;

    @GET
    @Path("/me")
    @Operation(summary = "The signed-in user and their labs")
    public MeDto me() {
        return accounts.me(caller.userId());
    }

    @PATCH
    @Path("/me")
    @Operation(summary = "Change the display name (send displayName only)")
    public UserDto rename(CreateUserRequest request) {
        return accounts.rename(caller.userId(), request == null ? null : request.displayName());
    }

    @POST
    @Path("/me/password")
    @Operation(summary = "Change the password; every other token of the user is revoked")
    public void changePassword(ChangePasswordRequest request) {
        accounts.changePassword(caller.userId(), caller.tokenId(), request);
    }

    @GET
    @Path("/me/tokens")
    @Operation(summary = "The caller's personal API tokens (without secrets)")
    public PageDto<TokenDto> tokens(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return tokens.listPersonal(caller.userId(), Paging.of(page, size));
    }

    @POST
    @Path("/me/tokens")
    @ResponseStatus(201)
    @Operation(summary = "Create a personal API token; its secret is in this answer only")
    public TokenDto createToken(CreateTokenRequest request) {
        return tokens.createPersonal(caller.userId(), request);
    }

    @DELETE
    @Path("/me/tokens/{tokenId}")
    @RevokesOwnToken
    @Operation(summary = "Revoke a personal API token")
    public void revokeToken(@PathParam("tokenId") UUID tokenId) {
        tokens.revoke(caller.userId(), tokenId);
    }
}
