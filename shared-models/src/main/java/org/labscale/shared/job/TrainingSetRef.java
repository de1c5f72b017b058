package org.labscale.shared.job;

import java.util.UUID;

/**
 * One frozen version of a training set, as jobs name it.
 *
 * @param trainingSetId a training set of the job's lab
 * @param version       its version number (1 or more)
 */
public record TrainingSetRef(UUID trainingSetId, int version) {
}
