package org.labscale.ui.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A project of a lab, as listed by {@code GET /api/v1/labs/{labId}/projects}. */
public record Project(UUID id, UUID labId, String name, String description, List<String> tags, long imageCount,
                      Instant createdAt, Instant updatedAt, long version) {

    public Project {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
