package org.labscale.shared.account;

/** Credentials for a session token. */
public record LoginRequest(String email, String password) {
}
