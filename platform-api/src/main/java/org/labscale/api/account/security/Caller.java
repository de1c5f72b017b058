package org.labscale.api.account.security;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.labscale.api.common.ApiException;
import org.labscale.shared.account.TokenScope;

/** Who is calling in this request, set by {@link BearerTokenFilter}. */
@RequestScoped
public class Caller {

    private UUID userId;
    private UUID tokenId;
    private String email;
    private boolean platformAdmin;
    private TokenScope scope;

    void signIn(UUID userId, UUID tokenId, String email, boolean platformAdmin, TokenScope scope) {
        this.userId = userId;
        this.tokenId = tokenId;
        this.email = email;
        this.platformAdmin = platformAdmin;
        this.scope = scope;
    }

    public boolean isSignedIn() {
        return userId != null;
    }

    /** The signed-in user's id; 401 when nobody is signed in. */
    public UUID userId() {
        if (userId == null) {
            throw ApiException.unauthorized("auth.required", "Sign in or send an API token as 'Authorization: Bearer <token>'.");
        }
        return userId;
    }

    public UUID tokenId() {
        userId();
        return tokenId;
    }

    public String email() {
        userId();
        return email;
    }

    public boolean platformAdmin() {
        return userId != null && platformAdmin;
    }

    public TokenScope scope() {
        return scope;
    }

    /** 403 unless the caller is a platform administrator. */
    public void requirePlatformAdmin() {
        userId();
        if (!platformAdmin) {
            throw ApiException.forbidden("auth.forbidden", "Only a platform administrator may do this.");
        }
    }
}
