package org.labscale.shared.sharing;

import java.time.Instant;
import java.util.UUID;

/** A lab's grant to read and use one version of another lab. */
public record GrantDto(UUID labId, String labName, UUID grantedBy, Instant grantedAt) {
}
