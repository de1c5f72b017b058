package org.labscale.worker.handler.training;

import java.util.function.LongSupplier;

import org.labscale.shared.model.ModelCard.EpochMetrics;
import org.labscale.training.ProgressListener;

/**
 * Times a training's optimisation steps apart from everything else it does (engine start, validation, snapshots,
 * export, post-processing selection), so that a worker can report a per-patch rate and a fixed part separately
 * ({@link org.labscale.worker.device.TrainingRates}). Passes every event on to {@code next}.
 *
 * <p>The gap between two consecutive steps of one epoch is one step's work (sampling, forward, backward, update).
 * The first step of an epoch follows validation or a member's start, so its gap is not a step's: it is counted as
 * one step of the epoch's mean length, which is what {@link #loopSeconds()} adds.
 */
public final class PatchLoopTimer implements ProgressListener {

    private final ProgressListener next;
    private final LongSupplier nanoTime;

    private long lastNanos;
    private int lastMember = -1;
    private int lastEpoch = -1;
    private int lastStep = -1;
    private long timedNanos;
    private long timedSteps;
    private long untimedSteps;

    /** @param nanoTime the clock ({@code System::nanoTime}; tests move their own) */
    public PatchLoopTimer(ProgressListener next, LongSupplier nanoTime) {
        this.next = next;
        this.nanoTime = nanoTime;
    }

    @Override
    public void step(int member, int epoch, int step, int steps) {
        long now = nanoTime.getAsLong();
        if (member == lastMember && epoch == lastEpoch && step == lastStep + 1) {
            timedNanos += now - lastNanos;
            timedSteps++;
        } else {
            untimedSteps++;
        }
        lastNanos = now;
        lastMember = member;
        lastEpoch = epoch;
        lastStep = step;
        next.step(member, epoch, step, steps);
    }

    @Override
    public void epoch(EpochMetrics metrics) {
        lastStep = -1; // the next step follows validation
        next.epoch(metrics);
    }

    @Override
    public void retrying(int member) {
        lastStep = -1;
        next.retrying(member);
    }

    /**
     * Seconds spent in optimisation steps: the timed steps, plus each epoch's first step at the mean step length; 0
     * when no two steps followed each other (nothing to measure).
     */
    public double loopSeconds() {
        if (timedSteps == 0) {
            return 0;
        }
        return timedNanos / 1e9 * (timedSteps + untimedSteps) / timedSteps;
    }
}
