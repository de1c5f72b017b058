package org.labscale.shared.job;

import java.util.UUID;

/**
 * One frozen training-set version named by a job.
 *
 * @param trainingSetId a training set of the job's lab
 * @param version       its version number (1 or more)
 */
public record TrainingSetRef(UUID trainingSetId, Integer version) {
}
