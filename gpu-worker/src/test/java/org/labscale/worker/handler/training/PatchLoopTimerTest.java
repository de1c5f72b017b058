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

    /** Four steps of {@code stepSeconds} after {@code before} seconds of something else, then validation. */
    private void epoch(int member, int epoch, int before, int stepSeconds, int validationSeconds) {
        now.addAndGet(before * SECOND);
        for (int step = 1; step <= 4; step++) {
            now.addAndGet(stepSeconds * SECOND);
            timer.step(member, epoch, step, 4);
        }
        now.addAndGet(validationSeconds * SECOND);
        timer.epoch(new EpochMetrics(member, epoch, 1.0, 1.0, List.of()));
    }

    @Test
    void shouldCountOnlyTheStepsNotTheEngineValidationOrExport() {
        epoch(0, 1, 30, 2, 5); // the engine starts for 30 s before the first step
        epoch(0, 2, 0, 2, 5);
        epoch(1, 1, 10, 3, 5); // the next member's engine, then slower steps
        now.addAndGet(60 * SECOND); // export and post-processing selection
        // 3 timed steps of 2 s in each of member 0's epochs, 3 of 3 s in member 1's: 21 s over 9 steps, 12 steps run.
        assertEquals(21.0 * 12 / 9, timer.loopSeconds(), 1e-9);
        assertEquals(15, passedOn.size(), "every event is passed on: " + passedOn);
        assertEquals("step 0/1/1", passedOn.get(0));
        assertEquals("epoch 1", passedOn.get(4));
    }

    @Test
    void shouldNotTimeTheGapBeforeARetriedMembersFirstStep() {
        epoch(0, 1, 0, 2, 0);
        timer.retrying(0);
        passedOn.clear();
        now.addAndGet(100 * SECOND);
        timer.step(0, 1, 1, 4); // the member starts over at step 1: the 100 s are not a step
        now.addAndGet(2 * SECOND);
        timer.step(0, 1, 2, 4);
        assertEquals(8.0 * 6 / 4, timer.loopSeconds(), 1e-9);
        assertEquals(List.of("step 0/1/1", "step 0/1/2"), passedOn);
    }

    @Test
    void shouldMeasureNothingWithoutTwoStepsInARow() {
        timer.step(0, 1, 1, 1);
        now.addAndGet(5 * SECOND);
        timer.step(0, 2, 1, 1);
        assertEquals(0, timer.loopSeconds());
    }
}
