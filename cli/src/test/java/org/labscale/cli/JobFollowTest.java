package org.labscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobEstimate;
import org.labscale.shared.job.JobProgress;
import org.labscale.shared.job.JobState;
import org.labscale.shared.job.WorkerDevice;

/** Issue 21.4: {@code jobs follow} prints what changed (with batch and ETA), and a heartbeat, not every event. */
class JobFollowTest {

    @TempDir
    Path dir;

    StubApi api;
    Cli cli;

    @BeforeEach
    void start() throws Exception {
        api = new StubApi();
        cli = Cli.signedIn(dir, api);
        cli.clock = new Ticking(Instant.parse("2025-01-02T03:00:00Z"), Duration.ofSeconds(20));
        api.on("GET", "/api/v1/labs", 200, Fixtures.page(List.of(Fixtures.lab())));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** A clock that moves on by {@code step} every time it is read: one read per event the follower handles. */
    static final class Ticking extends Clock {
        private Instant now;
        private final Duration step;

        Ticking(Instant start, Duration step) {
            this.now = start;
            this.step = step;
        }

        @Override
        public synchronized Instant instant() {
            Instant t = now;
            now = now.plus(step);
            return t;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    static JobDto training(long version, double fraction, Map<String, Double> metrics) {
        return Fixtures.job(JobState.RUNNING, new JobProgress(fraction, "member 1 of 3, epoch 1 of 4", metrics),
                null, version);
    }

    @Test
    void shouldPrintOnlyChangesAndAHeartbeatEveryMinute() {
        List<JobDto> events = new ArrayList<>();
        events.add(Fixtures.job(JobState.QUEUED, null, null, 1));
        for (int v = 2; v <= 8; v++) { // a new version every 20 s (worker heartbeats), nothing people read changed
            events.add(training(v, 0.1, Map.of("loss", 1.0 / v)));
        }
        events.add(Fixtures.job(JobState.SUCCEEDED, new JobProgress(1.0, "done", Map.of()), null, 9));
        api.on("GET", JobsTest.EVENTS, JobsTest.stream(events.toArray(JobDto[]::new)));

        Cli.Result r = cli.run("jobs", "follow", Fixtures.JOB.toString());

        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        // QUEUED at 0 s; RUNNING at 20 s; unchanged at 40, 60 s; heartbeat at 80 s (a minute after the last line);
        // unchanged at 100, 120 s; heartbeat at 140 s; SUCCEEDED at 160 s.
        assertEquals(5, lines.size(), r.toString());
        assertTrue(lines.get(0).contains("QUEUED"), r.toString());
        assertTrue(lines.get(1).contains("RUNNING") && lines.get(2).contains("RUNNING")
                && lines.get(3).contains("RUNNING"), r.toString());
        assertTrue(lines.get(4).contains("SUCCEEDED"), r.toString());
    }

    @Test
    void shouldShowBatchAndEtaAndPrintWhenTheEtaMovesByAMinute() {
        JobDto first = training(2, 0.05, Map.of(JobProgress.BATCH, 40.0, JobProgress.BATCHES, 157.0,
                JobProgress.ETA_SECONDS, 370.0, "loss", 0.41));
        JobDto sameEta = training(3, 0.05, Map.of(JobProgress.BATCH, 40.0, JobProgress.BATCHES, 157.0,
                JobProgress.ETA_SECONDS, 365.0, "loss", 0.39));
        JobDto moved = training(4, 0.05, Map.of(JobProgress.BATCH, 40.0, JobProgress.BATCHES, 157.0,
                JobProgress.ETA_SECONDS, 250.0, "loss", 0.39));
        JobDto nextBatch = training(5, 0.06, Map.of(JobProgress.BATCH, 60.0, JobProgress.BATCHES, 157.0,
                JobProgress.ETA_SECONDS, 250.0));
        JobDto wobble = training(6, 0.06, Map.of(JobProgress.BATCH, 61.0, JobProgress.BATCHES, 157.0,
                JobProgress.ETA_SECONDS, 200.0)); // 4 min -> 3 min, but only 50 s: no news
        api.on("GET", JobsTest.EVENTS, JobsTest.stream(first, sameEta, moved, nextBatch, wobble,
                Fixtures.job(JobState.CANCELLED, null, null, 7)));
        cli.clock = Clock.fixed(Instant.parse("2025-01-02T03:00:00Z"), ZoneOffset.UTC);

        Cli.Result r = cli.run("jobs", "follow", Fixtures.JOB.toString());

        assertEquals(ExitCodes.REFUSED, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), "first, ETA 6 -> 4 min, batch 60, CANCELLED: " + r);
        assertTrue(lines.get(0).contains("  5%  batch 40/157  member 1 of 3, epoch 1 of 4  ETA 6 min  [loss=0.4100]"),
                r.toString());
        assertTrue(lines.get(1).contains("ETA 4 min"), r.toString());
        assertTrue(lines.get(2).contains("  6%  batch 60/157"), r.toString());
        assertFalse(r.out().contains("etaSeconds"), r.toString());
    }

    @Test
    void shouldNotPrintALineWhenOnlyACountInTheMessageMoves() {
        Map<String, Double> metrics = Map.of(JobProgress.BATCH, 124.0, JobProgress.BATCHES, 157.0,
                JobProgress.ETA_SECONDS, 4140.0);
        JobDto a = Fixtures.job(JobState.RUNNING, new JobProgress(0.071, "member 1 of 3, epoch 1 of 4, batch 124 of 157,"
                + " about 69 min left", metrics), null, 2);
        JobDto b = Fixtures.job(JobState.RUNNING, new JobProgress(0.072, "member 1 of 3, epoch 1 of 4, batch 125 of 157,"
                + " about 69 min left", metrics), null, 3);
        api.on("GET", JobsTest.EVENTS, JobsTest.stream(a, b, Fixtures.job(JobState.CANCELLED, null, null, 4)));
        cli.clock = Clock.fixed(Instant.parse("2025-01-02T03:00:00Z"), ZoneOffset.UTC);

        Cli.Result r = cli.run("jobs", "follow", Fixtures.JOB.toString());

        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), "batch 125 is still 7%: " + r);
        assertTrue(lines.get(0).contains("  7%  member 1 of 3, epoch 1 of 4, batch 124 of 157, about 69 min left"),
                r.toString());
        assertFalse(lines.get(0).contains("ETA") || lines.get(0).contains("batch 124/157"),
                "what the message says is not repeated: " + r);
    }

    @Test
    void shouldPrintTheEstimateAndItsWarningsAtSubmit() {
        JobDto queued = Fixtures.job(JobState.QUEUED, null, null, 1);
        JobEstimate estimate = new JobEstimate(720, 360, 1440, 120_000, 166.7, 30, WorkerDevice.CPU, JobEstimate.TABLE,
                true, new JobEstimate.HeldOut(List.of(Fixtures.IMAGE), 2, 1, false, 45L),
                List.of("Only CPU workers serve this lab."));
        JobDto withEstimate = new JobDto(queued.id(), queued.labId(), queued.kind(), queued.payload(),
                queued.priority(), queued.state(), false, 0, 3, false, 0, null, null, List.of(), null, null, null,
                queued.createdAt(), null, null, null, null, 1, estimate);
        api.on("POST", "/api/v1/labs/" + Fixtures.LAB + "/jobs", 201, withEstimate);

        Cli.Result r = cli.run("jobs", "submit", "--lab", "cell-lab", "--kind", "TRAINING");

        assertEquals(0, r.exit(), r.toString());
        assertEquals(Fixtures.JOB + "\n", r.out());
        assertTrue(r.err().contains("Estimate: about 12 min (6 min to 24 min) on CPU, 120,000 patches at 167 "
                + "patches/s (table) plus 30 s fixed; only CPU workers serve this lab."), r.toString());
        assertTrue(r.err().contains("Held out: 1 image [" + Fixtures.IMAGE + "] (picked by the platform; choose with "
                + "--validation-images); 2 left to train on; 45 held-out cells."), r.toString());
        assertTrue(r.err().contains("Warning: Only CPU workers serve this lab."), r.toString());
    }
}
