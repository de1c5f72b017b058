package org.labscale.shared.lab;

import java.time.Instant;
import java.util.UUID;

import org.labscale.shared.account.Role;

/** An invitation; {@code token} is only present in the answer that created it. */
public record InvitationDto(UUID id, UUID labId, String email, Role role, Instant createdAt, Instant expiresAt,
                            Instant acceptedAt, Instant revokedAt, String token) {

    /** Never prints the secret: records end up in logs. */
    @Override
    public String toString() {
        return "InvitationDto[id=" + id + ", labId=" + labId + ", email=" + email + ", role=" + role + ", expiresAt="
                + expiresAt + ", token=" + (token == null ? null : "***") + "]";
    }
}
