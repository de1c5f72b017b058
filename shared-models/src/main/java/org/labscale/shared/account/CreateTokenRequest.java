package org.labscale.shared.account;

/**
 * Asks for a personal API token.
 *
 * @param name          what the token is for, e.g. "nightly pipeline"
 * @param scope         {@link TokenScope#READ} or {@link TokenScope#READ_WRITE}
 * @param expiresInDays lifetime in days (1 to 365)
 */
public record CreateTokenRequest(String name, TokenScope scope, Integer expiresInDays) {
}
