package org.labscale.shared.job;

import java.util.UUID;

/**
 * Input of a {@link JobKind#TRAINING} job: the frozen training-set version to learn from. The API checks on submit
 * that this version exists in the job's own lab. The network architecture, hyper-parameters and seed are added by
 * the training issue, which defines how a worker trains.
 *
 * @param trainingSetId      a training set of the job's lab
 * @param trainingSetVersion its version number (1 or more)
 */
public record TrainingPayload(UUID trainingSetId, Integer trainingSetVersion) implements JobPayload {

    @Override
    public JobKind kind() {
        return JobKind.TRAINING;
    }
}
