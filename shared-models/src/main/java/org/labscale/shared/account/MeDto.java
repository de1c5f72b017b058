package org.labscale.shared.account;

import java.util.List;
import java.util.UUID;

/** The signed-in caller and the labs they belong to. */
public record MeDto(UUID id, String email, String displayName, boolean platformAdmin, List<MembershipDto> memberships) {
}
