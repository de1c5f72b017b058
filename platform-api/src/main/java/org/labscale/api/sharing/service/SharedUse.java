package org.labscale.api.sharing.service;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.labscale.api.model.persistence.ModelEntity;
import org.labscale.api.model.persistence.ModelVersionEntity;
import org.labscale.api.trainingset.persistence.TrainingSetVersionEntity;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.SegmentationPayload;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingSetRef;
import org.labscale.shared.sharing.UsageDto;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Counts other labs' use of shared versions (table {@code shared_use}): a row per SEGMENTATION job naming another
 * lab's model version, per TRAINING job learning from another lab's training-set version (both counted at submit,
 * in the submit's transaction, so a refused submit counts nothing) and per fork. A lab's use of its own versions is
 * not counted.
 */
@ApplicationScoped
public class SharedUse {

    /** What another lab did with a version. */
    public enum Use {
        SEGMENTATION, TRAINING, FORK
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper mapper;

    /** Records the uses of a job just submitted by {@code labId} (its payload as stored: versions pinned). */
    public void recordJob(UUID labId, UUID jobId, JobKind kind, Map<String, Object> payload) {
        if (kind == JobKind.SEGMENTATION) {
            SegmentationPayload p = mapper.convertValue(payload, SegmentationPayload.class);
            model(labId, jobId, p.modelId(), p.modelVersion());
            model(labId, jobId, p.nuclearModelId(), p.nuclearModelVersion());
        } else if (kind == JobKind.TRAINING) {
            List<TrainingSetRef> refs = mapper.convertValue(payload, TrainingPayload.class).trainingSets();
            for (TrainingSetRef ref : refs == null ? List.<TrainingSetRef>of() : refs) {
                TrainingSetVersionEntity.of(ref.trainingSetId(), ref.version())
                        .filter(v -> !v.labId.equals(labId))
                        .ifPresent(v -> record(SharedKind.TRAINING_SET, v.id, v.labId, labId, Use.TRAINING, jobId));
            }
        }
    }

    private void model(UUID labId, UUID jobId, UUID modelId, Integer version) {
        if (modelId == null) {
            return;
        }
        ModelEntity.<ModelEntity>findByIdOptional(modelId).filter(m -> !m.labId.equals(labId))
                .flatMap(m -> ModelVersionEntity.of(m.id, version == null ? m.latestVersion : version))
                .ifPresent(v -> record(SharedKind.MODEL, v.id, v.labId, labId, Use.SEGMENTATION, jobId));
    }

    /** One use of version {@code versionId} (of {@code ownerLabId}) by {@code userLabId}; own use is not counted. */
    public void record(SharedKind kind, UUID versionId, UUID ownerLabId, UUID userLabId, Use use, UUID jobId) {
        if (ownerLabId.equals(userLabId)) {
            return;
        }
        em.createNativeQuery("insert into shared_use (resource, version_id, owner_lab_id, user_lab_id, use, job_id,"
                        + " used_at) values (:r, :v, :owner, :user, :use, :job, :at)")
                .setParameter("r", kind.name()).setParameter("v", versionId).setParameter("owner", ownerLabId)
                .setParameter("user", userLabId).setParameter("use", use.name()).setParameter("job", jobId)
                .setParameter("at", Timestamp.from(clock.instant())).executeUpdate();
    }

    /** The counts of one version (in the caller's transaction; the caller checked it is the owning lab's). */
    public UsageDto counts(SharedKind kind, UUID versionId) {
        Object[] row = (Object[]) em.createNativeQuery("""
                        select count(*) filter (where use = 'SEGMENTATION'), count(*) filter (where use = 'TRAINING'),
                               count(*) filter (where use = 'FORK'), count(distinct user_lab_id)
                        from shared_use where resource = :r and version_id = :v""")
                .setParameter("r", kind.name()).setParameter("v", versionId).getSingleResult();
        return new UsageDto(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(), ((Number) row[3]).longValue());
    }
}
