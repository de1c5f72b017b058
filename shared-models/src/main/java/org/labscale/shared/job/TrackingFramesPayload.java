package org.labscale.shared.job;

/**
 * Input of a {@link JobKind#TRACKING_FRAMES} job: frames {@code firstFrame} .. {@code firstFrame + frameCount - 1} of
 * a TRACKING job's series, segmented as that job would segment them. The API makes one per run of frames when it
 * accepts the TRACKING job (its parent), with the parent's payload and the model version pinned; each writes its
 * frames' masks, and the parent is leased once every run succeeded.
 *
 * @param series     the parent's payload (defaults filled in, model version pinned)
 * @param firstFrame the first frame of the run, from 0
 * @param frameCount how many frames, 1 or more
 */
public record TrackingFramesPayload(TrackingPayload series, int firstFrame, int frameCount) implements JobPayload {

    @Override
    public JobKind kind() {
        return JobKind.TRACKING_FRAMES;
    }
}
