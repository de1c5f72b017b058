package org.labscale.shared.job;

import java.util.Map;

/**
 * How far a running job has come, as last reported by its worker.
 *
 * @param fraction 0 to 1, or null when unknown
 * @param message  a short sentence for people (at most 500 characters), e.g. "epoch 3 of 20"
 * @param metrics  the latest values of named numbers, e.g. {@code {"epoch": 3, "loss": 0.41}} (at most 50); the
 *                 server-sent event stream of a job carries their history. A training job reports, besides its
 *                 epoch figures, {@value #MEMBER}, {@value #EPOCH}, {@value #BATCH} of {@value #BATCHES} (within the
 *                 epoch) and {@value #ETA_SECONDS}, the seconds left at the rate measured so far; its epoch figures
 *                 ({@value #TRAIN_LOSS}, {@value #VALIDATION_LOSS}, {@value #ACCURACY_PREFIX}{@code <class>}) belong
 *                 to {@value #VALIDATED_MEMBER} and {@value #VALIDATED_EPOCH}, the last epoch validated, from which
 *                 the API keeps the job's training curve
 */
public record JobProgress(Double fraction, String message, Map<String, Double> metrics) {

    /** Metric: 1-based ensemble member being trained. */
    public static final String MEMBER = "member";
    /** Metric: 1-based epoch of the member. */
    public static final String EPOCH = "epoch";
    /** Metric: batches done in the current epoch. */
    public static final String BATCH = "batch";
    /** Metric: batches in one epoch. */
    public static final String BATCHES = "batches";
    /** Metric: seconds left at the rate measured so far (absent until a rate is known). */
    public static final String ETA_SECONDS = "etaSeconds";
    /** Metric: training patches per second measured so far. */
    public static final String PATCHES_PER_SECOND = "patchesPerSecond";

    /** Metric: mean training loss of the last validated epoch. */
    public static final String TRAIN_LOSS = "trainLoss";
    /** Metric: mean validation loss of the last validated epoch. */
    public static final String VALIDATION_LOSS = "validationLoss";
    /** Metric prefix: {@code accuracy.<class>}, the last validated epoch's accuracy on held-out patches of a class. */
    public static final String ACCURACY_PREFIX = "accuracy.";
    /** Metric: 1-based ensemble member of the last validated epoch. */
    public static final String VALIDATED_MEMBER = "validatedMember";
    /** Metric: 1-based epoch of the last validated epoch. */
    public static final String VALIDATED_EPOCH = "validatedEpoch";

    public JobProgress {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}
