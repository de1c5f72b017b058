package org.labscale.api.job.estimate;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.labscale.shared.job.JobEstimate;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.TrainingPayload;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The estimate of a submitted job by kind ({@link CostEstimator} for TRAINING; other kinds have none yet) and its
 * JSON form as stored with the job.
 */
@ApplicationScoped
public class JobEstimates {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CostEstimator training;

    /**
     * @param payload the validated payload, defaults filled in
     * @return null for kinds without an estimate
     */
    public JobEstimate estimate(UUID labId, JobKind kind, Map<String, Object> payload, boolean requiresGpu,
                                int minGpuMemoryMb) {
        if (kind != JobKind.TRAINING) {
            return null;
        }
        return training.estimate(labId, JSON.convertValue(payload, TrainingPayload.class), requiresGpu,
                minGpuMemoryMb);
    }

    /** As stored in {@code job.estimate}; null for null. */
    public static Map<String, Object> toMap(JobEstimate estimate) {
        return estimate == null ? null : JSON.convertValue(estimate, new TypeReference<Map<String, Object>>() { });
    }

    /** From {@code job.estimate}; null for null. */
    public static JobEstimate fromMap(Map<String, Object> stored) {
        return stored == null ? null : JSON.convertValue(stored, JobEstimate.class);
    }
}
