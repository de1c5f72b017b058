package org.labscale.api.job.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.api.job.persistence.JobEntity;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobState;
import org.labscale.shared.job.TrackingPayload;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Splits an accepted TRACKING job into TRACKING_FRAMES jobs (its parts, {@code parent_id}), each segmenting a run of
 * consecutive frames, so that every worker the lab may use can segment the series at once. The parts are ordinary
 * jobs of the same lab, priority, attempts and GPU needs: they are leased, retried, reaped and counted against the
 * lab's quota like any other job. The parent is leased only when all its parts succeeded ({@link JobClaims}); a part
 * that fails for good fails the parent, and a parent that ends otherwise cancels its parts (migration V16). With one
 * worker the parts simply run one after the other, then the parent: nothing waits on a worker that is busy waiting.
 */
@ApplicationScoped
public class TrackingSplit {

    /** A series is cut into at most this many parts (more frames: more frames per part). */
    public static final int MAX_PARTS = 16;

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

    /**
     * Pins the model version the payload leaves to "the latest" in the stored payload, so that every part and the
     * tracking step name the same version even when a newer one appears meanwhile.
     */
    void pinModelVersion(JobEntity job) {
        TrackingPayload p = mapper.convertValue(job.payload, TrackingPayload.class);
        if (p.modelVersion() == null) {
            Map<String, Object> pinned = new LinkedHashMap<>(job.payload);
            pinned.put("modelVersion", SegmentationModelCheck.version(job.labId, p.modelId(), null, "model",
                    "payload.modelId").versionNumber);
            job.payload = pinned;
        }
    }

    /** Persists the parts of a TRACKING job that was just written; answers how many. */
    int createParts(JobEntity parent) {
        TrackingPayload p = mapper.convertValue(parent.payload, TrackingPayload.class);
        int frames = p.perFrameImages() ? p.imageIds().size()
                : ImageEntity.<ImageEntity>find("labId = ?1 and id = ?2", parent.labId, p.imageId()).firstResult()
                        .frames;
        int perPart = framesPerPart(frames);
        int index = 0;
        for (int first = 0; first < frames; first += perPart, index++) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("series", parent.payload);
            payload.put("firstFrame", first);
            payload.put("frameCount", Math.min(perPart, frames - first));
            JobEntity part = new JobEntity();
            part.id = UUID.randomUUID();
            part.parentId = parent.id;
            part.labId = parent.labId;
            part.kind = JobKind.TRACKING_FRAMES;
            part.payload = payload;
            part.priority = parent.priority;
            part.state = JobState.QUEUED;
            part.maxAttempts = parent.maxAttempts;
            part.requiresGpu = parent.requiresGpu;
            part.minGpuMemoryMb = parent.minGpuMemoryMb;
            part.requestHash = parent.requestHash;
            part.createdBy = parent.createdBy;
            part.createdAt = parent.createdAt.plusNanos(1_000L * (index + 1)); // the claim takes them in frame order
            part.nextAttemptAt = parent.nextAttemptAt;
            part.persist();
        }
        return index;
    }

    /** Frames per part: one each up to {@link #MAX_PARTS} frames, then evenly so that there are at most that many. */
    static int framesPerPart(int frames) {
        return Math.max(1, (frames + MAX_PARTS - 1) / MAX_PARTS);
    }
}
