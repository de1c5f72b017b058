package org.labscale.shared.sharing;

import java.util.UUID;

/**
 * A fork: the new model or training set in the caller's lab, its first version, and where it came from.
 *
 * @param labId     the lab the copy belongs to
 * @param id        the new model or training set
 * @param name      its name
 * @param version   its version holding the copy (1)
 * @param versionId that version's id
 * @param origin    the version copied
 */
public record ForkDto(UUID labId, UUID id, String name, int version, UUID versionId, OriginDto origin) {
}
