package org.labscale.ui.api;

import java.util.List;
import java.util.UUID;

/** Answer of {@code GET /api/v1/me}. */
public record Me(UUID id, String email, String displayName, boolean platformAdmin, List<Membership> memberships) {

    public Me {
        memberships = memberships == null ? List.of() : List.copyOf(memberships);
    }
}
