package org.labscale.shared.lab;

import org.labscale.shared.account.Role;

/** Invites a person, by e-mail, into a lab with a role. */
public record InvitationRequest(String email, Role role, Integer expiresInDays) {
}
