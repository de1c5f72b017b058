package org.labscale.shared.lab;

import java.time.Instant;
import java.util.UUID;

import org.labscale.shared.account.Role;

/** A member of a lab. */
public record MemberDto(UUID userId, String email, String displayName, Role role, Instant since) {
}
