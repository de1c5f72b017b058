package org.labscale.shared.job;

/**
 * The typed input of a job; one record per {@link JobKind}. On the wire a payload is a plain JSON object next to the
 * job's {@code kind}; the API validates it against the record of that kind on submit (unknown fields are refused),
 * and stores and serves it with every default filled in.
 */
public sealed interface JobPayload permits TrainingPayload, SegmentationPayload, TrackingPayload, TrackingFramesPayload,
        SelfTestPayload {

    /** The kind this payload belongs to. */
    JobKind kind();
}
