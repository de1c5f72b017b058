package org.labscale.shared.job;

import java.util.List;
import java.util.UUID;

/**
 * What a job will cost, estimated by the API at submit (and served with the job): for a {@link JobKind#TRAINING}
 * job, {@code epoch x epochs x ensembleSize} patches (an epoch: {@code patchesPerEpoch}, fewer when the training images
 * hold fewer, {@link EpochSize}) at the training rate of the fastest device among the
 * workers that serve the lab (a rate a worker measured and reported, else the documented table per preset and
 * device), plus which images are held out for validation. Null for kinds without an estimate.
 *
 * @param seconds          the most likely duration in seconds (training only, without queueing)
 * @param minSeconds       lower end of the range (half of {@code seconds})
 * @param maxSeconds       upper end of the range (twice {@code seconds})
 * @param patches          training patches over all epochs and members
 * @param patchesPerSecond the rate the estimate assumes for the optimisation steps
 * @param fixedSeconds     the part of {@code seconds} that does not grow with the patches (inputs, engine, validation,
 *                         export, post-processing selection): {@code seconds = fixedSeconds + patches / rate}
 * @param device           the device class expected to run it (the fastest that serves the lab)
 * @param rateSource       {@link #MEASURED} (reported by a worker of that device) or {@link #TABLE}
 * @param cpuOnly          no GPU worker serves the lab (or none is registered): only CPU workers can take it
 * @param heldOut          the validation split of a training job; null for other kinds
 * @param warnings         sentences for people: CPU only, long runs, held-out images, too few held-out cells
 */
public record JobEstimate(long seconds, long minSeconds, long maxSeconds, long patches, double patchesPerSecond,
                          double fixedSeconds, WorkerDevice device, String rateSource, boolean cpuOnly, HeldOut heldOut,
                          List<String> warnings) {

    /** {@link #rateSource()}: a worker serving the lab measured the rate on finished jobs. */
    public static final String MEASURED = "measured";
    /** {@link #rateSource()}: the documented table per preset and device (platform-api/README.md). */
    public static final String TABLE = "table";

    public JobEstimate {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /**
     * How a training job validates.
     *
     * @param validationImageIds the images held out whole (empty when pixels of the images are held out instead)
     * @param trainingImages     images left to train on
     * @param validationImages   images held out whole
     * @param chosen             the user chose them ({@code validationImageIds} in the payload) rather than
     *                           {@code validationFraction}
     * @param heldOutCells       cells (annotated objects) on the held-out images, when known; post-processing
     *                           selection keeps the defaults below {@link #MIN_SELECTION_CELLS}
     */
    public record HeldOut(List<UUID> validationImageIds, int trainingImages, int validationImages, boolean chosen,
                          Long heldOutCells) {

        /** Below this many held-out cells the post-processing selection keeps the defaults. */
        public static final int MIN_SELECTION_CELLS = 20;

        public HeldOut {
            validationImageIds = validationImageIds == null ? List.of() : List.copyOf(validationImageIds);
        }
    }
}
