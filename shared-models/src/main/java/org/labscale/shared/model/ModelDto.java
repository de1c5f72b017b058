package org.labscale.shared.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A named model of a lab: the versions a lab's TRAINING jobs registered under one name.
 *
 * @param description   the description of the newest version's card (null when it had none)
 * @param latestVersion the highest version number that still exists
 */
public record ModelDto(UUID id, UUID labId, String name, String description, int latestVersion, Instant createdAt) {
}
