package org.labscale.ui.api;

import java.time.Instant;
import java.util.UUID;

/** A lab as listed by {@code GET /api/v1/labs}, with the caller's role in it. */
public record Lab(UUID id, String name, String slug, String description, LabRole role, Instant createdAt) {
}
