package org.labscale.worker.handler.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.labscale.shared.job.JobProgress;
import org.labscale.shared.model.ModelCard.EpochMetrics;

class TrainingProgressTest {

    private final List<JobProgress> seen = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();

    private TrainingProgress progress(int members, int epochs) {
        return new TrainingProgress(members, epochs, 1_000, List.of("background", "boundary", "interior"), seen::add,
                nanos::get);
    }

    @Test
    void movesWithEveryBatchAndEstimatesTheTimeLeftFromTheMeasuredRate() {
        TrainingProgress p = progress(2, 2); // 4 epochs of 10 batches in all
        p.step(0, 1, 1, 10); // the clock starts at the first step
        nanos.addAndGet(4_000_000_000L);
        p.step(0, 1, 5, 10); // 5 of 40 batches after 4 s (counting from step 1's start)
        JobProgress last = seen.get(seen.size() - 1);
        assertEquals(5 / 40.0, last.fraction(), 1e-9, "moves within the first epoch");
        assertEquals(1.0, last.metrics().get(JobProgress.MEMBER));
        assertEquals(5.0, last.metrics().get(JobProgress.BATCH));
        assertEquals(10.0, last.metrics().get(JobProgress.BATCHES));
        assertEquals(28.0, last.metrics().get(JobProgress.ETA_SECONDS), "35 batches left at 1/8 of the work per 4 s");
        assertEquals(125.0, last.metrics().get(JobProgress.PATCHES_PER_SECOND), 1e-9, "500 patches in 4 s");
        assertEquals("member 1 of 2, epoch 1 of 2, batch 5 of 10, about 28 s left", last.message());
    }

    @Test
    void carriesTheEpochFiguresAndCountsARetrainedMember() {
        TrainingProgress p = progress(1, 1);
        p.step(0, 1, 10, 10);
        p.epoch(new EpochMetrics(0, 1, 0.9, 1.3, List.of(0.4, 0.3, 0.2)));
        assertEquals(1.3, seen.get(seen.size() - 1).metrics().get("validationLoss"));
        assertEquals(0.2, seen.get(seen.size() - 1).metrics().get("accuracy.interior"));
        p.retrying(0);
        nanos.addAndGet(1_000_000_000L);
        p.step(0, 1, 5, 10);
        JobProgress last = seen.get(seen.size() - 1);
        assertEquals(2, p.plannedMembers());
        assertEquals(0.75, last.fraction(), 1e-9, "one member done, half of the retrained one");
        assertEquals("member 1 of 2, epoch 1 of 1, batch 5 of 10, about 0 s left", last.message());
        assertFalse(last.metrics().isEmpty());
    }

    @Test
    void namesTheValidatedEpochInEveryLaterReportSoThatTheCurveSurvivesCoalescing() {
        TrainingProgress p = progress(2, 2);
        p.step(0, 1, 10, 10);
        p.epoch(new EpochMetrics(0, 1, 0.9, 1.3, List.of(0.4, 0.3, 0.2)));
        p.step(0, 2, 3, 10);
        JobProgress step = seen.get(seen.size() - 1);
        assertEquals(2.0, step.metrics().get(JobProgress.EPOCH), "training epoch 2 now");
        assertEquals(1.0, step.metrics().get(JobProgress.VALIDATED_MEMBER));
        assertEquals(1.0, step.metrics().get(JobProgress.VALIDATED_EPOCH), "the losses are epoch 1's");
        assertEquals(0.9, step.metrics().get(JobProgress.TRAIN_LOSS));
        p.step(1, 1, 10, 10);
        p.epoch(new EpochMetrics(1, 1, 0.7, 0.8, List.of(0.6, 0.5, 0.4)));
        JobProgress epoch = seen.get(seen.size() - 1);
        assertEquals(2.0, epoch.metrics().get(JobProgress.VALIDATED_MEMBER), "1-based, like member");
        assertEquals(0.8, epoch.metrics().get(JobProgress.VALIDATION_LOSS));
    }
}
