package org.labscale.ui.api;

import java.util.UUID;

/** One of the labs the user belongs to, as listed by {@code GET /api/v1/me}. */
public record Membership(UUID labId, String labName, String labSlug, LabRole role) {
}
