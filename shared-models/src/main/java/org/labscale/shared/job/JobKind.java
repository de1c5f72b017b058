package org.labscale.shared.job;

/**
 * What a job does. Each kind has one payload record, {@link #payloadType()}; clients bind a job's JSON payload to
 * it (e.g. {@code mapper.convertValue(job.payload(), job.kind().payloadType())}).
 */
public enum JobKind {
    /** Train a conv-net on a frozen training-set version ({@link TrainingPayload}). */
    TRAINING(TrainingPayload.class),
    /** Segment images with a trained net ({@link SegmentationPayload}). */
    SEGMENTATION(SegmentationPayload.class),
    /** Segment each frame of a time series and link the cells into tracks and lineages ({@link TrackingPayload}). */
    TRACKING(TrackingPayload.class),
    /**
     * Segment a run of frames of a TRACKING job's series ({@link TrackingFramesPayload}). The API creates these for
     * each TRACKING job it accepts, so that several workers segment one series at once; users never submit them.
     */
    TRACKING_FRAMES(TrackingFramesPayload.class),
    /**
     * A diagnostic that proves the whole pipeline (submit, lease, heartbeats with progress, output upload,
     * completion) without touching lab data ({@link SelfTestPayload}). Operators run it against a new worker;
     * tests use it as the job whose behaviour they control.
     */
    SELF_TEST(SelfTestPayload.class);

    private final Class<? extends JobPayload> payloadType;

    JobKind(Class<? extends JobPayload> payloadType) {
        this.payloadType = payloadType;
    }

    /** The record a payload of this kind binds to. */
    public Class<? extends JobPayload> payloadType() {
        return payloadType;
    }
}
