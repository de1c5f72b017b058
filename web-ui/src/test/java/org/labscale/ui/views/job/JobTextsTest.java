package org.labscale.ui.views.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobError;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobProgress;
import org.labscale.shared.job.JobState;

/** How a job reads in the list: state, duration, progress and the error's sentence. */
class JobTextsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private static JobDto job(JobState state, boolean cancelling, Instant started, Instant finished, JobProgress p,
                              JobError error) {
        return new JobDto(UUID.randomUUID(), UUID.randomUUID(), JobKind.TRAINING, Map.of(), 0, state, cancelling, 1, 3,
                false, 0, p, null, List.of(), error, null, null, T0, started, finished, null, null, 1);
    }

    @Test
    void shouldSayHowLongAJobRanAndIsRunning() {
        assertEquals("", JobTexts.duration(job(JobState.QUEUED, false, null, null, null, null), T0));
        assertEquals("2 min 5 s",
                JobTexts.duration(job(JobState.SUCCEEDED, false, T0, T0.plusSeconds(125), null, null), T0.plusSeconds(999)));
        assertEquals("1 h 1 min", JobTexts.duration(job(JobState.RUNNING, false, T0, null, null, null), T0.plusSeconds(3660)));
    }

    @Test
    void shouldShowStateProgressAndTheErrorsSentence() {
        JobDto running = job(JobState.RUNNING, true, T0, null, new JobProgress(0.42, "epoch 3 of 7", Map.of()), null);
        assertEquals("Running (cancelling)", JobTexts.state(running));
        assertEquals("42 % \u00b7 epoch 3 of 7", JobTexts.progress(running));
        JobDto failed = job(JobState.FAILED, false, T0, T0, null,
                new JobError("worker.lost", "The worker stopped answering; the job will be retried."));
        assertEquals("The worker stopped answering; the job will be retried.", JobTexts.error(failed));
        assertEquals("Training", JobTexts.kind(failed.kind()));
    }

    @Test
    void shouldColourTheBadgeAndOfferOnlyTheActionsAJobAllows() {
        JobDto queued = job(JobState.QUEUED, false, null, null, null, null);
        JobDto running = job(JobState.RUNNING, false, T0, null, new JobProgress(0.25, "", Map.of()), null);
        JobDto cancelling = job(JobState.RUNNING, true, T0, null, null, null);
        JobDto failed = job(JobState.FAILED, false, T0, T0, null, null);
        JobDto done = job(JobState.SUCCEEDED, false, T0, T0, new JobProgress(1.0, "", Map.of()), null);

        assertEquals("badge contrast", JobTexts.badgeTheme(queued));
        assertEquals("badge", JobTexts.badgeTheme(running));
        assertEquals("badge error", JobTexts.badgeTheme(failed));
        assertEquals("badge success", JobTexts.badgeTheme(done));
        assertEquals(0.25, JobsView.runningFraction(running));
        assertEquals(null, JobsView.runningFraction(done), "only a running job shows a bar");
        assertEquals(List.of(true, true, false, false, false), java.util.stream.Stream.of(queued, running, cancelling,
                failed, done).map(JobsView::cancellable).toList());
        assertEquals(List.of(false, false, false, true, false), java.util.stream.Stream.of(queued, running, cancelling,
                failed, done).map(JobsView::retryable).toList());
    }
}
