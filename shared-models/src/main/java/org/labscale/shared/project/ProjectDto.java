package org.labscale.shared.project;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A project: a lab's folder of images, annotations and training sets. */
public record ProjectDto(UUID id, UUID labId, String name, String description, List<String> tags, long imageCount,
                         Instant createdAt, Instant updatedAt, long version) {
}
