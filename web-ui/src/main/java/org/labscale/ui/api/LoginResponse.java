package org.labscale.ui.api;

import java.time.Instant;

/** Answer of {@code POST /api/v1/auth/login}: an opaque bearer token and who it belongs to. */
public record LoginResponse(String token, Instant expiresAt, UserSummary user) {

    @Override
    public String toString() {
        return "LoginResponse[token=***, expiresAt=" + expiresAt + ", user=" + user + "]";
    }
}
