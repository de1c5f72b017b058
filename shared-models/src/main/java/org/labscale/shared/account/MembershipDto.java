package org.labscale.shared.account;

import java.util.UUID;

/** The caller's membership in one lab. */
public record MembershipDto(UUID labId, String labName, String labSlug, Role role) {
}
