package org.labscale.api.account.security;

import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.labscale.api.account.service.TokenService;
import org.labscale.api.account.service.TokenService.ResolvedToken;
import org.labscale.api.common.ApiException;
import org.labscale.shared.account.TokenScope;

/**
 * Resolves {@code Authorization: Bearer <token>} into the {@link Caller}. Every endpoint needs a token unless it is
 * marked {@link PublicEndpoint}; read-scoped tokens may only read.
 */
public class BearerTokenFilter {

    private static final String PREFIX = "Bearer ";

    @Inject
    TokenService tokens;

    @Inject
    Caller caller;

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request, ResourceInfo resource) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean open = resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(PublicEndpoint.class)
                || resource.getResourceClass().isAnnotationPresent(PublicEndpoint.class));
        if (header == null || header.isBlank()) {
            if (!open) {
                throw ApiException.unauthorized("auth.required",
                        "Sign in or send an API token as 'Authorization: Bearer <token>'.");
            }
            return;
        }
        if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw ApiException.unauthorized("auth.malformed", "The Authorization header must be 'Bearer <token>'.");
        }
        Optional<ResolvedToken> token = tokens.resolve(header.substring(PREFIX.length()).trim());
        if (token.isEmpty()) {
            throw new ApiException(401, "auth.invalid-token",
                    "The token is unknown, expired or revoked; sign in again or create a new API token.", Map.of());
        }
        ResolvedToken t = token.get();
        String method = request.getMethod();
        if (t.scope() == TokenScope.READ && !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS")) {
            throw ApiException.forbidden("token.read-only", "This API token may only read; " + method
                    + " needs a token with scope READ_WRITE.");
        }
        caller.signIn(t.userId(), t.tokenId(), t.email(), t.platformAdmin(), t.scope());
    }
}
