package org.labscale.api.account.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.account.security.Caller;
import org.labscale.api.account.security.RevokesOwnToken;
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
    public LoginResponse login(LoginRequest request, @Context HttpServerRequest http) {
        return accounts.login(request, clientAddress(http));
    }

    /**
     * The client's IP address: the peer's, or the one a trusted proxy forwarded when
     * {@code quarkus.http.proxy.proxy-address-forwarding} is on.
     */
    private static String clientAddress(HttpServerRequest http) {
        SocketAddress remote = http.remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }

    @POST
    @Path("/auth/logout")
    @RevokesOwnToken
    @Operation(summary = "Revoke the token this request was sent with")
    public void logout() {
        tokens.revoke(caller.userId(), caller.tokenId());
    }
}
