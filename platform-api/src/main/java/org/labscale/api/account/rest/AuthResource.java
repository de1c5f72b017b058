package org.labscale.api.account.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.account.security.Caller;
import org.labscale.api.account.security.PublicEndpoint;
import org.labscale.api.account.service.AccountService;
import org.labscale.api.account.service.TokenService;
import org.labscale.shared.account.LoginRequest;
import org.labscale.shared.account.LoginResponse;

@Path("/api/v1")
@Tag(name = "Accounts")
public class AuthResource {

    @Inject
    AccountService accounts;

    @Inject
    TokenService tokens;

    @Inject
    Caller caller;

    @POST
    @Path("/auth/login")
    @PublicEndpoint
    @Operation(summary = "Sign in with e-mail and password; answers a session token")
    public LoginResponse login(LoginRequest request) {
        return accounts.login(request);
    }

    @POST
    @Path("/auth/logout")
    @Operation(summary = "Revoke the token this request was sent with")
    public void logout() {
        tokens.revoke(caller.userId(), caller.tokenId());
    }
}
