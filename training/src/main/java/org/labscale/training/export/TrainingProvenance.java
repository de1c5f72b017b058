package org.labscale.training.export;

import java.util.List;

import org.labscale.shared.model.ModelCard;

/**
 * Where a training run came from, beyond its payload: the job, the training-set versions with the content hashes
 * they had, and the code's git revision.
 *
 * @param jobId        the training job, or null outside a job (benchmarks, tests)
 * @param trainingSets what was learnt from
 * @param gitRevision  the revision the worker was built from, or {@code unknown}
 */
public record TrainingProvenance(String jobId, List<ModelCard.TrainingData> trainingSets, String gitRevision) {

    public TrainingProvenance {
        trainingSets = trainingSets == null ? List.of() : List.copyOf(trainingSets);
        gitRevision = gitRevision == null ? "unknown" : gitRevision;
    }
}
