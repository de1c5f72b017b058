package org.labscale.worker.handler.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.labscale.shared.job.JobProgress;
import org.labscale.shared.model.ModelCard.EpochMetrics;
import org.labscale.training.ProgressListener;

/**
 * Turns the training library's steps and epochs into the job's progress: the fraction moves with every batch (not
 * once per epoch), the message says where training is ("member 2 of 3, epoch 1 of 4, batch 40 of 157, about 6 min
 * left"), and the metrics carry {@link JobProgress#MEMBER}, {@link JobProgress#EPOCH}, {@link JobProgress#BATCH} of
 * {@link JobProgress#BATCHES}, {@link JobProgress#PATCHES_PER_SECOND} and {@link JobProgress#ETA_SECONDS} next to the
 * last validated epoch's losses and per-class accuracy, named by {@link JobProgress#VALIDATED_MEMBER} and
 * {@link JobProgress#VALIDATED_EPOCH} (every later report carries them too, so a report lost to coalescing loses no
 * point of the curve the API keeps). The ETA is the work left at the rate measured since the first step
 * (validation included, as it takes time too); a member retrained after diverging adds a member's work.
 */
public final class TrainingProgress implements ProgressListener {

    private final int epochs;
    private final int patchesPerEpoch;
    private final List<String> classes;
    private final Consumer<JobProgress> sink;
    private final LongSupplier nanoTime;
    private final Map<String, Double> epochMetrics = new LinkedHashMap<>();

    private int plannedMembers;
    private int membersDone;
    private int lastMember = -1;
    private long startNanos = -1;
    private double doneUnits;
    private Double fraction = 0.0;

    /**
     * @param nanoTime the clock ({@code System::nanoTime}; tests move their own)
     */
    public TrainingProgress(int members, int epochs, int patchesPerEpoch, List<String> classes,
                            Consumer<JobProgress> sink, LongSupplier nanoTime) {
        this.plannedMembers = members;
        this.epochs = epochs;
        this.patchesPerEpoch = patchesPerEpoch;
        this.classes = List.copyOf(classes);
        this.sink = sink;
        this.nanoTime = nanoTime;
    }

    @Override
    public void step(int member, int epoch, int step, int steps) {
        if (member != lastMember) {
            if (lastMember >= 0) {
                membersDone++;
            }
            lastMember = member;
        }
        if (startNanos < 0) {
            startNanos = nanoTime.getAsLong();
        }
        // Units of work: one member is 1.0, an epoch 1/epochs, a step 1/(epochs x steps).
        doneUnits = membersDone + ((epoch - 1) + (double) step / steps) / epochs;
        fraction = Math.min(1.0, doneUnits / plannedMembers);
        Map<String, Double> metrics = new LinkedHashMap<>(epochMetrics);
        metrics.put(JobProgress.MEMBER, (double) (member + 1));
        metrics.put(JobProgress.EPOCH, (double) epoch);
        metrics.put(JobProgress.BATCH, (double) step);
        metrics.put(JobProgress.BATCHES, (double) steps);
        String eta = "";
        double seconds = (nanoTime.getAsLong() - startNanos) / 1e9;
        if (seconds > 0 && doneUnits > 0) {
            double left = (plannedMembers - doneUnits) * seconds / doneUnits;
            metrics.put(JobProgress.ETA_SECONDS, (double) Math.round(left));
            metrics.put(JobProgress.PATCHES_PER_SECOND, doneUnits * epochs * patchesPerEpoch / seconds);
            eta = ", about " + duration(left) + " left";
        }
        sink.accept(new JobProgress(fraction, "member " + (member + 1) + " of " + plannedMembers + ", epoch " + epoch
                + " of " + epochs + ", batch " + step + " of " + steps + eta, metrics));
    }

    @Override
    public void epoch(EpochMetrics m) {
        epochMetrics.put(JobProgress.TRAIN_LOSS, m.trainLoss());
        epochMetrics.put(JobProgress.VALIDATION_LOSS, m.validationLoss());
        for (int k = 0; k < m.perClassAccuracy().size() && k < classes.size(); k++) {
            epochMetrics.put(JobProgress.ACCURACY_PREFIX + classes.get(k), m.perClassAccuracy().get(k));
        }
        epochMetrics.put(JobProgress.VALIDATED_MEMBER, (double) (m.member() + 1));
        epochMetrics.put(JobProgress.VALIDATED_EPOCH, (double) m.epoch());
        Map<String, Double> metrics = new LinkedHashMap<>(epochMetrics);
        metrics.put(JobProgress.MEMBER, (double) (m.member() + 1));
        metrics.put(JobProgress.EPOCH, (double) m.epoch());
        sink.accept(new JobProgress(fraction, "member " + (m.member() + 1) + " of " + plannedMembers + ", epoch "
                + m.epoch() + " of " + epochs + " validated", metrics));
    }

    @Override
    public void retrying(int member) {
        plannedMembers++;
        membersDone++; // the member trained last is done
        lastMember = member; // so that the retrained member's first step does not count another
    }

    /** Patches trained per second since the first step (nominal: patchesPerEpoch per epoch), or 0 before. */
    public double patchesPerSecond() {
        double seconds = startNanos < 0 ? 0 : (nanoTime.getAsLong() - startNanos) / 1e9;
        return seconds <= 0 ? 0 : doneUnits * epochs * patchesPerEpoch / seconds;
    }

    /** Members planned so far: the ensemble, plus one per retrained member. */
    public int plannedMembers() {
        return plannedMembers;
    }

    /** "45 s", "6 min", "2.5 h". */
    static String duration(double seconds) {
        if (seconds < 90) {
            return Math.round(seconds) + " s";
        }
        if (seconds < 90 * 60) {
            return Math.round(seconds / 60) + " min";
        }
        return String.format(java.util.Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
