package org.labscale.shared.lab;

import java.time.Instant;
import java.util.UUID;

import org.labscale.shared.account.Role;

/** A lab (the tenant) as its member sees it; {@code role} is the caller's role. */
public record LabDto(UUID id, String name, String slug, String description, Role role, Instant createdAt,
                     Instant updatedAt, long version) {
}
