package org.labscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.cli.http.Json;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobError;
import org.labscale.shared.job.JobProgress;
import org.labscale.shared.job.JobState;

class JobsTest {

    @TempDir
    Path dir;

    StubApi api;
    Cli cli;

    @BeforeEach
    void start() throws Exception {
        api = new StubApi();
        cli = Cli.signedIn(dir, api);
        api.on("GET", "/api/v1/labs", 200, Fixtures.page(List.of(Fixtures.lab())));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    static final String EVENTS = "/api/v1/jobs/" + Fixtures.JOB + "/events";

    /** Answers an event stream of these jobs, the way Quarkus frames them ({@code data:} lines). */
    static StubApi.Handler stream(JobDto... jobs) {
        return (req, ex) -> {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(": keep-alive comment\n\n".getBytes(StandardCharsets.UTF_8));
                for (JobDto job : jobs) {
                    out.write(("data:" + Json.mapper().writeValueAsString(job) + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        };
    }

    static JobDto running(int step, long version) {
        return Fixtures.job(JobState.RUNNING, new JobProgress(step / 3.0, "step " + step + " of 3",
                Map.of("step", (double) step)), null, version);
    }

    @Test
    void shouldSubmitAPayloadFromStdinWithTheIdempotencyKey() {
        api.on("POST", "/api/v1/labs/" + Fixtures.LAB + "/jobs", 201, Fixtures.job(JobState.QUEUED, null, null, 1));
        cli.stdin = "{\"steps\": 5, \"stepMillis\": 10}";

        Cli.Result r = cli.run("jobs", "submit", "--lab", "cell-lab", "--kind", "self_test", "--payload", "-",
                "--priority", "3", "--idempotency-key", "nightly-2025-01-02");

        assertEquals(0, r.exit(), r.toString());
        assertEquals(Fixtures.JOB + "\n", r.out());
        StubApi.Request sent = api.only("POST", "/api/v1/labs/" + Fixtures.LAB + "/jobs");
        assertEquals("nightly-2025-01-02", sent.header("Idempotency-Key"));
        assertEquals("SELF_TEST", sent.json().get("kind").asText());
        assertEquals("{\"steps\":5,\"stepMillis\":10}", sent.json().get("payload").toString());
        assertEquals(3, sent.json().get("priority").asInt());
    }

    @Test
    void shouldSayWhenAnIdempotencyKeyAnsweredAnExistingJob() {
        api.on("POST", "/api/v1/labs/" + Fixtures.LAB + "/jobs", 200, Fixtures.job(JobState.RUNNING, null, null, 4));

        Cli.Result r = cli.run("jobs", "submit", "--lab", Fixtures.LAB.toString(), "--kind", "SELF_TEST",
                "--idempotency-key", "k1");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("'k1' was already used") && r.err().contains("RUNNING"), r.toString());
        assertEquals("{}", api.only("POST", "/api/v1/labs/" + Fixtures.LAB + "/jobs").json().get("payload").toString());
    }

    @Test
    void shouldRefuseAPayloadThatIsNotAJsonObject() throws Exception {
        Path payload = Files.writeString(dir.resolve("p.json"), "[1, 2]");

        Cli.Result r = cli.run("jobs", "submit", "--lab", "cell-lab", "--kind", "SELF_TEST", "--payload",
                payload.toString());

        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertTrue(api.requests("POST", "/api/v1/labs/" + Fixtures.LAB + "/jobs").isEmpty());
    }

    @Test
    void shouldFollowProgressUntilSucceededAndExit0() {
        api.on("GET", EVENTS, stream(Fixtures.job(JobState.QUEUED, null, null, 1), running(1, 2), running(2, 3),
                Fixtures.job(JobState.SUCCEEDED, new JobProgress(1.0, "done", Map.of("step", 3.0)), null, 4)));

        Cli.Result r = cli.run("jobs", "follow", Fixtures.JOB.toString());

        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.toString());
        assertTrue(lines.get(0).contains("QUEUED"), r.toString());
        assertTrue(lines.get(1).contains("RUNNING") && lines.get(1).contains(" 33%  step 1 of 3  [step=1]"), r.toString());
        assertTrue(lines.get(3).contains("SUCCEEDED") && lines.get(3).contains("100%"), r.toString());
    }

    @Test
    void shouldExit1WithTheReasonWhenTheJobFails() {
        api.on("GET", EVENTS, stream(running(1, 2), Fixtures.job(JobState.FAILED, null,
                new JobError("self-test.requested-failure", "Failing at step 2 as requested."), 5)));

        Cli.Result r = cli.run("jobs", "follow", "--json", Fixtures.JOB.toString());

        assertEquals(ExitCodes.REFUSED, r.exit(), r.toString());
        assertEquals(2, r.out().lines().count(), "one JSON job per line: " + r);
        assertTrue(r.out().lines().allMatch(l -> l.startsWith("{") && l.endsWith("}")), r.toString());
        assertTrue(r.err().contains("FAILED: Failing at step 2 as requested. [self-test.requested-failure]"),
                r.toString());
    }

    @Test
    void shouldReconnectWhenTheStreamEndsEarlyWithoutRepeatingLines() {
        AtomicInteger opened = new AtomicInteger();
        api.on("GET", EVENTS, (req, ex) -> {
            if (opened.incrementAndGet() == 1) {
                stream(running(1, 2)).handle(req, ex); // the API restarted mid-job
            } else {
                stream(running(1, 2), Fixtures.job(JobState.CANCELLED, null, null, 6)).handle(req, ex);
            }
        });
        api.on("GET", "/api/v1/jobs/" + Fixtures.JOB, 200, running(1, 2));

        Cli.Result r = cli.run("jobs", "follow", Fixtures.JOB.toString());

        assertEquals(ExitCodes.REFUSED, r.exit(), r.toString());
        assertEquals(2, opened.get());
        assertEquals(2, r.out().lines().count(), "step 1 once, then CANCELLED: " + r);
        assertTrue(r.err().contains("CANCELLED"), r.toString());
    }

    @Test
    void shouldSubmitAndFollowInOneCommand() {
        api.on("POST", "/api/v1/labs/" + Fixtures.LAB + "/jobs", 201, Fixtures.job(JobState.QUEUED, null, null, 1));
        api.on("GET", EVENTS, stream(Fixtures.job(JobState.QUEUED, null, null, 1),
                Fixtures.job(JobState.SUCCEEDED, null, null, 3)));

        Cli.Result r = cli.run("jobs", "submit", "--lab", "cell-lab", "--kind", "SELF_TEST", "--follow");

        assertEquals(0, r.exit(), r.toString());
        assertEquals(3, r.out().lines().count(), "id, QUEUED, SUCCEEDED: " + r);
    }

    @Test
    void shouldSaveASucceededJobsResultAndRefuseAnUnfinishedOne() throws Exception {
        api.on("GET", "/api/v1/jobs/" + Fixtures.JOB, 200, Fixtures.job(JobState.SUCCEEDED, null, null, 4));
        Path out = dir.resolve("results/job1");

        Cli.Result r = cli.run("jobs", "download", Fixtures.JOB.toString(), "-o", out.toString());

        assertEquals(0, r.exit(), r.toString());
        assertEquals(Map.of("checksum", "abc", "steps", 3),
                Json.mapper().readValue(out.resolve("result.json").toFile(), Map.class));
        assertTrue(r.err().contains("jobs outputs " + Fixtures.JOB + " --zip"), r.toString());

        api.on("GET", "/api/v1/jobs/" + Fixtures.JOB, 200, running(1, 2));
        Cli.Result early = cli.run("jobs", "download", Fixtures.JOB.toString(), "-o", dir.resolve("x").toString());
        assertEquals(ExitCodes.REFUSED, early.exit(), early.toString());
    }

    @Test
    void shouldListJobsByState() {
        api.on("GET", "/api/v1/labs/" + Fixtures.LAB + "/jobs", 200, Fixtures.page(List.of(running(2, 3))));

        Cli.Result r = cli.run("jobs", "list", "--lab", "cell-lab", "--state", "running");

        assertEquals(0, r.exit(), r.toString());
        assertEquals("state=RUNNING&page=0&size=100", api.only("GET", "/api/v1/labs/" + Fixtures.LAB + "/jobs").query());
        assertTrue(r.out().contains(Fixtures.JOB.toString()) && r.out().contains("step 2 of 3"), r.toString());
    }
}
