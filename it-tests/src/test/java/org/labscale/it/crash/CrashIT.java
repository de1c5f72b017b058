package org.labscale.it.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.launcher.platform.Platform;
import org.labscale.launcher.platform.PlatformConfig;
import org.labscale.launcher.process.ChildProcess;
import org.labscale.shared.job.SelfTestPayload;

/**
 * Crashes with separate processes: a worker killed with SIGKILL in the middle of a job, the API restarted while
 * workers hold leases, PostgreSQL restarted under load. The workers are packaged gpu-worker processes of one lab that
 * declare a (fake) 1 TiB CUDA device, and the jobs ask for that much GPU memory, so only these workers can take them
 * (not the platform's own CPU worker). The it-tests' API runs with a 10 s lease, a reaper every second and a 1 s
 * retry backoff (it-tests/pom.xml), so that a dead worker's job is re-queued within seconds.
 */
class CrashIT {

    /** More GPU memory than any real card has: only this class's workers qualify. */
    private static final int GPU_MB = 1_048_576;
    private static final Map<String, String> WORKER_ENV = Map.of("LABSCALE_WORKER_DEVICE", "CUDA",
            "LABSCALE_WORKER_GPU_MEMORY_MB", Integer.toString(GPU_MB), "LABSCALE_WORKER_BACKOFF_MAX", "PT2S",
            "LABSCALE_WORKER_LEASE_WAIT", "PT2S");

    private static LocalPlatform platform;
    private static Person owner;
    private static UUID lab;
    private final List<ChildProcess> workers = new ArrayList<>();

    /** A lab worker credential. */
    private record Credential(UUID id, String token) {
    }

    @BeforeAll
    static void lab() {
        platform = LocalPlatform.get();
        owner = Lab.person(platform, "Crash Owner");
        lab = Lab.createLab(owner, "Crash lab");
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(ChildProcess::kill);
    }

    @Test
    void shouldFinishAJobOnASecondWorkerWhenTheFirstIsKilledMidJob() throws Exception {
        Credential first = credential("crash-first");
        Credential second = credential("crash-second");
        ChildProcess doomed = startWorker("crash-worker-a", first);
        String job = submit(Map.of("steps", 40, "stepMillis", 200, "seed", "kill"), "kill-" + UUID.randomUUID());

        JsonPath running = await(job, j -> "RUNNING".equals(j.getString("state"))
                && j.getDouble("progress.fraction") >= 0.1, Duration.ofSeconds(45));
        assertEquals(first.id().toString(), running.getString("workerId"));
        UUID lostLease = leaseOf(job);
        doomed.signal("KILL");
        doomed.onExit().get();
        // What the dead attempt may have uploaded before it died: it must not survive the job's completion.
        String prefix = "labs/" + lab + "/jobs/" + job + "/";
        platform.putObject(prefix + lostLease + "/result.json", "{\"partial\":true}".getBytes(StandardCharsets.UTF_8));

        startWorker("crash-worker-b", second);
        JsonPath done = awaitFinal(job, Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", done.getString("state"), done.prettify());
        assertEquals(2, done.getInt("attempts"), "the killed attempt and the one that finished");
        assertEquals(second.id().toString(), done.getString("workerId"));
        assertEquals(Map.of("checksum", SelfTestPayload.checksum("kill", 40), "steps", 40), done.getMap("result"));

        UUID winner = leaseOf(job);
        assertNotEquals(lostLease, winner);
        assertEquals(List.of("result|" + winner), outputRows(job), "exactly one recorded output, the winner's");
        assertEquals(List.of(prefix + winner + "/result.json"), objectsSettled(prefix, prefix + winner + "/result.json"),
                "only the winning attempt's objects are left in S3");
    }

    @Test
    void shouldLoseNoJobWhenTheApiRestartsWhileWorkersHoldLeases() throws Exception {
        startWorker("crash-worker-c", credential("crash-c"));
        startWorker("crash-worker-d", credential("crash-d"));
        List<String> jobs = submitMany("api", 6);
        awaitRunning(jobs, 2);
        platform.stop("platform-api");
        platform.start("platform-api");
        assertAllSucceededOnce(jobs, "api");
    }

    @Test
    void shouldLoseNoJobWhenPostgresRestarts() throws Exception {
        startWorker("crash-worker-e", credential("crash-e"));
        startWorker("crash-worker-f", credential("crash-f"));
        List<String> jobs = submitMany("pg", 6);
        awaitRunning(jobs, 2);
        platform.stop(Platform.POSTGRES);
        Thread.sleep(3000); // workers meet a failing API for a while
        platform.start(Platform.POSTGRES);
        assertAllSucceededOnce(jobs, "pg");
    }

    @Test
    void shouldQueueARunningJobAgainWithoutLosingAnAttemptWhenItsWorkerIsStopped() throws Exception {
        // the worker's grace and stop timeout `labscale up` uses (LabscaleApps), scaled to the it-tests' stop timeout
        PlatformConfig launcher = platform.config();
        Map<String, String> env = new HashMap<>(WORKER_ENV);
        env.put("LABSCALE_WORKER_SHUTDOWN_GRACE", launcher.workerShutdownGrace().toString());
        ChildProcess worker = startWorker("crash-worker-g", credential("crash-g"), env);
        String job = submit(Map.of("steps", 200, "stepMillis", 300, "seed", "stop"), "stop-" + UUID.randomUUID());
        try {
            await(job, j -> "RUNNING".equals(j.getString("state")), Duration.ofSeconds(45));
            // as on Ctrl-C: SIGTERM, then SIGKILL once the launcher's stop timeout has passed
            assertTrue(worker.stop("TERM", launcher.stopGrace()), "killed before it could hand its job back");
            JsonPath queued = job(job);
            assertEquals("QUEUED", queued.getString("state"), queued.prettify());
            assertEquals(0, queued.getInt("attempts"), "the interrupted attempt does not count");
        } finally {
            owner.as().post("/api/v1/jobs/{id}/cancel", job); // no later test's worker inherits it
        }
    }

    // ------------------------------------------------------------------------------------------------

    private Credential credential(String name) {
        var created = owner.as().body(Map.of("name", name)).post("/api/v1/labs/{lab}/workers", lab).then()
                .statusCode(201).extract();
        return new Credential(UUID.fromString(created.path("id")), created.path("token"));
    }

    private ChildProcess startWorker(String name, Credential credential) {
        return startWorker(name, credential, WORKER_ENV);
    }

    private ChildProcess startWorker(String name, Credential credential, Map<String, String> env) {
        ChildProcess p = platform.startWorker(name, credential.token(), env);
        workers.add(p);
        return p;
    }

    private static String submit(Map<String, Object> payload, String key) {
        return owner.as().header("Idempotency-Key", key)
                .body(Map.of("kind", "SELF_TEST", "payload", payload, "minGpuMemoryMb", GPU_MB, "maxAttempts", 5))
                .post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(201).extract().path("id");
    }

    private static List<String> submitMany(String seed, int count) {
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobs.add(submit(Map.of("steps", 10, "stepMillis", 300, "seed", seed + i), seed + "-" + UUID.randomUUID()));
        }
        return jobs;
    }

    private static void awaitRunning(List<String> jobs, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (System.nanoTime() < deadline) {
            long running = jobs.stream().filter(id -> "RUNNING".equals(job(id).getString("state"))).count();
            if (running >= atLeast) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("fewer than " + atLeast + " of " + jobs + " started within 45 s");
    }

    /** Every job SUCCEEDED with its own result, one recorded output and one object; the lab has no other job. */
    private void assertAllSucceededOnce(List<String> jobs, String seed) throws Exception {
        for (int i = 0; i < jobs.size(); i++) {
            String id = jobs.get(i);
            JsonPath done = awaitFinal(id, Duration.ofSeconds(75));
            assertEquals("SUCCEEDED", done.getString("state"), done.prettify());
            assertEquals(Map.of("checksum", SelfTestPayload.checksum(seed + i, 10), "steps", 10), done.getMap("result"));
            UUID winner = leaseOf(id);
            assertEquals(List.of("result|" + winner), outputRows(id), id);
            String prefix = "labs/" + lab + "/jobs/" + id + "/";
            assertEquals(List.of(prefix + winner + "/result.json"), objectsSettled(prefix, prefix + winner + "/result.json"),
                    id);
        }
        List<String> seeds = owner.as().queryParam("size", 200).get("/api/v1/labs/{lab}/jobs", lab).then()
                .statusCode(200).extract().jsonPath().getList("items.payload.seed");
        assertEquals(1, seeds.stream().filter((seed + "0")::equals).count(), "no job was doubled: " + seeds);
        assertEquals(jobs.size(), seeds.stream().filter(s -> s.startsWith(seed)).count(), seeds.toString());
    }

    /**
     * The objects under {@code prefix} once they are {@code expected}, or as they are after 10 s: the API deletes
     * lost attempts' objects right after it committed the success (before it answers the worker), so a user may see
     * SUCCEEDED a moment before they are gone.
     */
    private static List<String> objectsSettled(String prefix, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> objects = platform.objects(prefix);
        while (!objects.equals(List.of(expected)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            objects = platform.objects(prefix);
        }
        return objects;
    }

    private static JsonPath job(String id) {
        return owner.as().get("/api/v1/jobs/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitFinal(String id, Duration timeout) throws InterruptedException {
        return await(id, j -> List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(j.getString("state")), timeout);
    }

    private static JsonPath await(String id, Predicate<JsonPath> done, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonPath job = null;
        while (System.nanoTime() < deadline) {
            try {
                job = job(id);
                if (done.test(job)) {
                    return job;
                }
            } catch (AssertionError | RuntimeException apiBusy) {
                // the API is restarting or its database is down; ask again
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " did not get there within " + timeout + ": "
                + (job == null ? "no answer" : job.prettify()));
    }

    private static UUID leaseOf(String job) throws Exception {
        try (Connection c = platform.sql();
             PreparedStatement s = c.prepareStatement("SELECT lease_id FROM job WHERE id = ?::uuid")) {
            s.setString(1, job);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    /** The job's recorded outputs as "name|leaseId". */
    private static List<String> outputRows(String job) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = platform.sql();
             PreparedStatement s = c.prepareStatement("SELECT name, lease_id FROM job_output WHERE job_id = ?::uuid")) {
            s.setString(1, job);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getObject(2, UUID.class));
                }
            }
        }
        return rows;
    }
}
