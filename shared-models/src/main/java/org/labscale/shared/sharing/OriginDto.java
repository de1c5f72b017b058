package org.labscale.shared.sharing;

import java.util.UUID;

/**
 * Where a fork came from, as it was when forked: named even after the origin becomes invisible or is deleted.
 *
 * @param labId     the origin's lab
 * @param labName   its name at fork time
 * @param id        the origin model or training set
 * @param name      its name at fork time
 * @param version   the version forked
 * @param versionId that version's id
 * @param hash      a training-set version's content hash; for a model version the SHA-256 of its members' SHA-256s
 *                  (hex, one per line, in member order)
 */
public record OriginDto(UUID labId, String labName, UUID id, String name, int version, UUID versionId, String hash) {
}
