package org.labscale.api.job.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.labscale.api.image.service.StorageKeys;
import org.labscale.shared.job.JobKind;

/**
 * The objects each kind of job may store, by name. Each lease gets its own keys
 * ({@code labs/{labId}/jobs/{jobId}/{leaseId}/{name}}), so an attempt that lost its lease can never overwrite the
 * outputs of the attempt that replaced it.
 */
public final class JobOutputs {

    private JobOutputs() {
    }

    /** Output name to file name under the lease's prefix. */
    public static Map<String, String> of(JobKind kind) {
        Map<String, String> outputs = new LinkedHashMap<>();
        switch (kind) {
            case SELF_TEST -> outputs.put("result", "result.json");
            // The training and segmentation issues add their outputs (model files, label images).
            case TRAINING, SEGMENTATION -> { }
        }
        return outputs;
    }

    public static String key(UUID labId, UUID jobId, UUID leaseId, JobKind kind, String name) {
        return StorageKeys.jobOutput(labId, jobId, leaseId, of(kind).get(name));
    }
}
