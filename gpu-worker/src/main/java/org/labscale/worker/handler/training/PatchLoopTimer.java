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
 * The first step of an epoch follows validation or a member's start, so its gap is not a step's. The first
 * {@value #WARM_UP_STEPS} steps of a member are slower (PyTorch's kernels and buffers for the member's net, on a fresh
 * worker its natives and the JIT: several times slower on the development machine) and do not grow with the job's
 * patches either. {@link #loopSeconds()} therefore counts every step at the mean length of the steps after the
 * warm-up, and leaves the rest of the warm-up to the fixed part.
 */
public final class PatchLoopTimer implements ProgressListener {

    /** Steps at the start of every member that are not measured (their extra time belongs to the fixed part). */
    static final int WARM_UP_STEPS = 10;

    private final ProgressListener next;
    private final LongSupplier nanoTime;

    private long lastNanos;
    private int lastMember = -1;
    private int lastEpoch = -1;
    private int lastStep = -1;
    private int memberSteps;
    private long timedNanos;
    private long timedSteps;
    private long warmUpNanos;
    private long warmUpTimedSteps;
    private long stepsRun;

    /** @param nanoTime the clock ({@code System::nanoTime}; tests move their own) */
    public PatchLoopTimer(ProgressListener next, LongSupplier nanoTime) {
        this.next = next;
        this.nanoTime = nanoTime;
    }

    @Override
    public void step(int member, int epoch, int step, int steps) {
        long now = nanoTime.getAsLong();
        memberSteps = member == lastMember ? memberSteps + 1 : 1;
        stepsRun++;
        if (member == lastMember && epoch == lastEpoch && step == lastStep + 1) {
            if (memberSteps > WARM_UP_STEPS) {
                timedNanos += now - lastNanos;
                timedSteps++;
            } else {
                warmUpNanos += now - lastNanos;
                warmUpTimedSteps++;
            }
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
        lastMember = -1; // the member starts over, warm-up included
        next.retrying(member);
    }

    /**
     * Seconds the optimisation steps take at their steady pace: every step run at the mean length of the steps after
     * each member's warm-up (of the warm-up's own steps when no member got past it); 0 when no two steps followed each
     * other (nothing to measure).
     */
    public double loopSeconds() {
        if (timedSteps > 0) {
            return timedNanos / 1e9 * stepsRun / timedSteps;
        }
        return warmUpTimedSteps == 0 ? 0 : warmUpNanos / 1e9 * stepsRun / warmUpTimedSteps;
    }
}
