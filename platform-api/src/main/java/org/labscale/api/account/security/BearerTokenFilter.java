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
import org.labscale.api.job.service.WorkerProfile;
import org.labscale.api.job.service.WorkerService;
import org.labscale.shared.account.TokenScope;

/**
 * Resolves {@code Authorization: Bearer <token>} into the {@link Caller}, or a worker token ({@code lsw_...}) into the
 * {@link WorkerCaller}. Every endpoint needs a token unless it is marked {@link PublicEndpoint}; read-scoped tokens
 * may only read (and revoke themselves: {@link RevokesOwnToken}). The two kinds never mix: endpoints marked {@link WorkerEndpoint} accept only worker tokens, and
 * worker tokens are refused everywhere else, so a stolen worker token cannot read lab data through the users' API.
 */
public class BearerTokenFilter {

    private static final String PREFIX = "Bearer ";

    @Inject
    TokenService tokens;

    @Inject
    Caller caller;

    @Inject
    WorkerCaller workerCaller;

    @Inject
    WorkerService workers;

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request, ResourceInfo resource) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean open = resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(PublicEndpoint.class)
                || resource.getResourceClass().isAnnotationPresent(PublicEndpoint.class));
        boolean workerEndpoint = resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(WorkerEndpoint.class)
                || resource.getResourceClass().isAnnotationPresent(WorkerEndpoint.class));
        if (header == null || header.isBlank()) {
            if (workerEndpoint) {
                throw ApiException.unauthorized("auth.required", "Send a worker token as 'Authorization: Bearer lsw_...'.");
            }
            if (!open) {
                throw ApiException.unauthorized("auth.required",
                        "Sign in or send an API token as 'Authorization: Bearer <token>'.");
            }
            return;
        }
        if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw ApiException.unauthorized("auth.malformed", "The Authorization header must be 'Bearer <token>'.");
        }
        String secret = header.substring(PREFIX.length()).trim();
        if (WorkerService.isWorkerToken(secret)) {
            if (!workerEndpoint && open) {
                return; // e.g. /api/v1/info: answered as to anyone
            }
            if (!workerEndpoint) {
                throw ApiException.forbidden("auth.worker-token", "Worker tokens may only call the worker protocol "
                        + "(/api/v1/worker/...); use a personal API token for this.");
            }
            WorkerProfile worker = workers.resolve(secret).orElseThrow(() -> new ApiException(401,
                    "auth.invalid-token", "The worker token is unknown or revoked; ask the lab owner for a new one.",
                    Map.of()));
            workerCaller.signIn(worker);
            return;
        }
        if (workerEndpoint) {
            throw ApiException.forbidden("auth.worker-endpoint", "Only worker tokens (lsw_...) may call the worker "
                    + "protocol; a lab owner creates one with POST /api/v1/labs/{labId}/workers.");
        }
        Optional<ResolvedToken> token = tokens.resolve(secret);
        if (token.isEmpty()) {
            throw new ApiException(401, "auth.invalid-token",
                    "The token is unknown, expired or revoked; sign in again or create a new API token.", Map.of());
        }
        ResolvedToken t = token.get();
        String method = request.getMethod();
        if (t.scope() == TokenScope.READ && !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS")
                && !revokesItself(request, resource, t)) {
            throw ApiException.forbidden("token.read-only", "This API token may only read; " + method
                    + " needs a token with scope READ_WRITE.");
        }
        caller.signIn(t.userId(), t.tokenId(), t.email(), t.platformAdmin(), t.scope());
    }

    private static boolean revokesItself(ContainerRequestContext request, ResourceInfo resource, ResolvedToken t) {
        if (resource.getResourceMethod() == null
                || !resource.getResourceMethod().isAnnotationPresent(RevokesOwnToken.class)) {
            return false;
        }
        String target = request.getUriInfo().getPathParameters().getFirst("tokenId");
        return target == null || target.equalsIgnoreCase(t.tokenId().toString());
    }
}
