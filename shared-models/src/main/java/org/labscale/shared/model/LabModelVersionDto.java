package org.labscale.shared.model;

import org.labscale.shared.sharing.Visibility;

/**
 * One version of a lab's model as a list of the lab's versions shows it: the model, the version with its card, and
 * how it is shared, so that the list needs one call per page.
 */
public record LabModelVersionDto(ModelDto model, ModelVersionDto version, Visibility visibility) {
}
