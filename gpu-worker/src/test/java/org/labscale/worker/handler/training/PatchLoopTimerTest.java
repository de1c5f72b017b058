package org.labscale.worker.handler.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.labscale.shared.model.ModelCard.EpochMetrics;
import org.labscale.training.ProgressListener;

class PatchLoopTimerTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong();
    private final List<String> passedOn = new ArrayList<>();
    private final PatchLoopTimer timer = new PatchLoopTimer(new ProgressListener() {
        @Override
        public void epoch(EpochMetrics metrics) {
            passedOn.add("epoch " + metrics.epoch());
        }

        @Override
        public void step(int member, int epoch, int step, int steps) {
            passedOn.add("step " + member + "/" + epoch + "/" + step);
        }

        @Override
        public void retrying(int member) {
            passedOn.add("retry " + member);
        }
    }, now::get);

    /**
     * {@code steps} steps after {@code before} seconds of something else: those among the member's first 10 of
     * {@code warmUpSeconds}, the others of {@code stepSeconds}; then {@code validationSeconds} of validation.
     */
    private void epoch(int member, int epoch, int before, int steps, int firstStepOfMember, int warmUpSeconds,
                       int stepSeconds, int validationSeconds) {
        now.addAndGet(before * SECOND);
        for (int step = 1; step <= steps; step++) {
            boolean warmUp = firstStepOfMember + step - 1 <= PatchLoopTimer.WARM_UP_STEPS;
            now.addAndGet((warmUp ? warmUpSeconds : stepSeconds) * SECOND);
            timer.step(member, epoch, step, steps);
        }
        now.addAndGet(validationSeconds * SECOND);
        timer.epoch(new EpochMetrics(member, epoch, 1.0, 1.0, List.of()));
    }

    @Test
    void shouldCountEveryStepAtTheSteadyPaceLeavingEngineWarmUpValidationAndExportOut() {
        epoch(0, 1, 30, 20, 1, 6, 2, 5); // the engine starts for 30 s, the first 10 steps take 6 s, then 2 s
        epoch(0, 2, 0, 20, 21, 6, 2, 5);
        epoch(1, 1, 10, 20, 1, 6, 3, 5); // the next member's engine and warm-up, then steps of 3 s
        now.addAndGet(60 * SECOND); // export and post-processing selection
        // Past the warm-up: 10 steps of 2 s, 19 of 2 s (an epoch's first step follows validation), 10 of 3 s.
        assertEquals(88.0 * 60 / 39, timer.loopSeconds(), 1e-9);
        assertEquals(63, passedOn.size(), "every event is passed on: " + passedOn);
        assertEquals("step 0/1/1", passedOn.get(0));
        assertEquals("epoch 1", passedOn.get(20));
    }

    @Test
    void shouldWarmUpARetriedMemberAgainAndNotTimeTheGapBeforeIt() {
        epoch(0, 1, 0, 20, 1, 2, 2, 0);
        timer.retrying(0);
        passedOn.clear();
        now.addAndGet(100 * SECOND); // the member starts over at step 1: the 100 s are not a step
        epoch(0, 1, 0, 12, 1, 9, 2, 0); // its warm-up again (9 s a step), then 2 steps of 2 s
        assertEquals(24.0 * 32 / 12, timer.loopSeconds(), 1e-9);
        assertEquals("step 0/1/1", passedOn.get(0));
    }

    @Test
    void shouldMeasureTheWarmUpWhenNoMemberGotPastIt() {
        epoch(0, 1, 30, 5, 1, 2, 1, 0);
        assertEquals(8.0 * 5 / 4, timer.loopSeconds(), 1e-9);
    }

    @Test
    void shouldMeasureNothingWithoutTwoStepsInARow() {
        timer.step(0, 1, 1, 1);
        now.addAndGet(5 * SECOND);
        timer.step(0, 2, 1, 1);
        assertEquals(0, timer.loopSeconds());
    }
}
