package org.labscale.worker.handler.tracking;

import org.labscale.shared.job.TrackerOptions;
import org.labscale.tracking.link.TrackerSettings;

/** A payload's {@link TrackerOptions} as the {@code tracking} library's LAP tracker settings. */
final class TrackerSettingsOf {

    private TrackerSettingsOf() {
    }

    /**
     * The preset's settings ({@link TrackerSettings#nuclei()} or {@link TrackerSettings#bacteria()}: its feature
     * penalties and alternative costs) with the options' distance for linking, gap closing and divisions; gap
     * closing on when {@code gapFrames > 0} (TrackMate's max frame gap is {@code gapFrames + 1}); no merging; the
     * preset's division recovery (nuclei) and the options' {@code mergedDaughterFrames} when divisions are on.
     *
     * @param options with its defaults filled in
     */
    static TrackerSettings of(TrackerOptions options) {
        TrackerSettings base = "bacteria".equals(options.preset()) ? TrackerSettings.bacteria()
                : TrackerSettings.nuclei();
        double d = options.maxDistance();
        int gap = options.gapFrames();
        return new TrackerSettings(d, base.linkingPenalties(), gap > 0, d, gap + 1, base.gapClosingPenalties(),
                options.divisions(), d, base.splittingPenalties(), false, d, base.mergingPenalties(),
                base.alternativeCostFactor(), base.cutoffPercentile(), base.divisionRecovery(),
                options.mergedDaughterFrames());
    }
}
