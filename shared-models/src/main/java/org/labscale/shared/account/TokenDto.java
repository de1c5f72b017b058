package org.labscale.shared.account;

import java.time.Instant;
import java.util.UUID;

/**
 * A personal API token. {@code token} is only present in the answer that created it; Labscale stores only its hash.
 */
public record TokenDto(UUID id, String name, TokenScope scope, String prefix, Instant createdAt, Instant expiresAt,
                       Instant lastUsedAt, Instant revokedAt, String token) {

    /** Never prints the secret: records end up in logs. */
    @Override
    public String toString() {
        return "TokenDto[id=" + id + ", name=" + name + ", scope=" + scope + ", prefix=" + prefix + ", expiresAt="
                + expiresAt + ", revokedAt=" + revokedAt + ", token=" + (token == null ? null : "***") + "]";
    }
}
