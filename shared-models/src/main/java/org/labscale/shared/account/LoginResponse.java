package org.labscale.shared.account;

import java.time.Instant;

/** A session token, shown once, and who it belongs to. */
public record LoginResponse(String token, Instant expiresAt, UserDto user) {

    /** Never prints the token: records end up in logs. */
    @Override
    public String toString() {
        return "LoginResponse[token=***, expiresAt=" + expiresAt + ", user=" + user + "]";
    }
}
