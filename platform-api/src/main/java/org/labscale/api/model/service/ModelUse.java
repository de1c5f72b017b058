package org.labscale.api.model.service;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;

/**
 * Which unfinished jobs use a model version. A SEGMENTATION or TRACKING payload names its model as {@code modelId} +
 * {@code modelVersion} and, for nuclear seeds, {@code nuclearModelId} + {@code nuclearModelVersion}; a missing
 * version means the latest. A TRACKING payload's KTR read-out may name a cytoplasm model ({@code ktr.cytoplasmModelId}).
 */
public final class ModelUse {

    private static final String ACTIVE_JOBS = """
            select id from job
            where lab_id = :lab and state in ('QUEUED', 'RUNNING') and kind in ('SEGMENTATION', 'TRACKING')
              and ((payload->>'modelId' = :model
                    and coalesce((payload->>'modelVersion')::int, :latest) = :n)
                or (payload->>'nuclearModelId' = :model
                    and coalesce((payload->>'nuclearModelVersion')::int, :latest) = :n)
                or (payload->'ktr'->>'cytoplasmModelId' = :model
                    and coalesce((payload->'ktr'->>'cytoplasmModelVersion')::int, :latest) = :n))
            order by created_at, id
            limit 20
            """;

    private ModelUse() {
    }

    /** Up to 20 queued or running jobs of the lab that use version {@code n} of the model, oldest first. */
    @SuppressWarnings("unchecked")
    public static List<UUID> activeJobs(EntityManager em, UUID labId, UUID modelId, int n, int latest) {
        return em.createNativeQuery(ACTIVE_JOBS, UUID.class).setParameter("lab", labId)
                .setParameter("model", modelId.toString()).setParameter("latest", latest).setParameter("n", n)
                .getResultList();
    }
}
