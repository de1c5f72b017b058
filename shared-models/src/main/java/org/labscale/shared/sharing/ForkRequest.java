package org.labscale.shared.sharing;

import java.util.UUID;

/**
 * Body of a fork: copy version {@code version} of the model or training set {@code sourceId} (of any lab, as long
 * as the caller may see it) into the lab of the path, as a new model or training set named {@code name}.
 *
 * @param sourceId the model or training set to copy
 * @param version  its version number
 * @param name     the copy's name in the caller's lab; null: the source's name (which must then be free)
 */
public record ForkRequest(UUID sourceId, Integer version, String name) {
}
