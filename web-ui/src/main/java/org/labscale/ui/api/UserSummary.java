package org.labscale.ui.api;

import java.util.UUID;

/** The signed-in user as the API describes it in a login answer. */
public record UserSummary(UUID id, String email, String displayName, boolean platformAdmin) {
}
