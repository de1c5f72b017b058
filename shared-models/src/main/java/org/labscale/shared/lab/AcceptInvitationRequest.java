package org.labscale.shared.lab;

/**
 * Accepts an invitation. A signed-in caller joins with their account; otherwise an account is created for the
 * invited e-mail with {@code displayName} and {@code password}.
 */
public record AcceptInvitationRequest(String token, String displayName, String password) {
}
