package org.labscale.shared.account;

import java.time.Instant;
import java.util.UUID;

/** A person with an account. */
public record UserDto(UUID id, String email, String displayName, boolean platformAdmin, Instant createdAt) {
}
