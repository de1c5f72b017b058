package org.labscale.api.job.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.Workers;
import org.labscale.api.testing.Workers.Worker;

/**
 * Several workers' claims in one statement ({@link JobClaims#CLAIM}) follow the rules of claims one after the other
 * (SchedulingTest), and lease and completion calls made at once are served exactly once each.
 */
@QuarkusTest
class BatchedQueueTest {

    private static final JobClaims.Key ANY_LAB = new JobClaims.Key(null, List.of("SELF_TEST"), false, 0);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    JobClaims claims;

    @Inject
    JobCompletions completions;

    @Inject
    MeterRegistry registry;

    /** Shared workers see every lab's jobs: end those other tests left queued or running. */
    @BeforeEach
    void emptyQueue() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE job SET state = 'CANCELLED', finished_at = now() WHERE state IN ('QUEUED', 'RUNNING')");
        }
    }

    @Test
    void shouldLeaseInOneStatementWhatClaimsOneAfterTheOtherWouldAcrossLabsQuotasAndPriorities() throws Exception {
        User alice = Api.newUser("Alice");
        UUID a = Api.newLab(alice, "Lab A");
        UUID b = Api.newLab(alice, "Lab B");
        UUID c = Api.newLab(alice, "Lab C");
        List<String> jobsA = new ArrayList<>();
        List<String> jobsB = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobsA.add(Workers.selfTest(alice, a, Map.of("priority", 10)));
            jobsB.add(Workers.selfTest(alice, b, Map.of()));
        }
        String low = Workers.selfTest(alice, c, Map.of("priority", -1));
        String first = Workers.selfTest(alice, c, Map.of());
        String urgent = Workers.selfTest(alice, c, Map.of("priority", 5));
        quota(c, 2);
        List<UUID> workers = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            workers.add(Workers.shared("batch-" + i).register("CPU", 0).id());
        }

        List<JobClaims.Claimed> leased = claims.claimAll(ANY_LAB, workers);

        List<String> ids = leased.stream().map(l -> l == null ? null : l.jobId().toString()).toList();
        // Every lab's first job (share 0 of its quota), then A's and B's second (1/4), then C's second (1/2, ahead of
        // the third jobs of A and B at 2/4 only by lab order): labs in turn whatever A's priorities say, C's jobs by
        // priority, C held to its quota of 2 (its low-priority job stays queued), and the ninth worker gets nothing.
        assertEquals(Set.of(jobsA.get(0), jobsB.get(0), urgent), new HashSet<>(ids.subList(0, 3)), ids.toString());
        assertEquals(Set.of(jobsA.get(1), jobsB.get(1)), new HashSet<>(ids.subList(3, 5)), ids.toString());
        assertEquals(Set.of(first, jobsA.get(2), jobsB.get(2)), new HashSet<>(ids.subList(5, 8)), ids.toString());
        assertNull(ids.get(8), ids.toString());
        assertEquals("QUEUED", state(low)[0]);
        for (int i = 0; i < 8; i++) {
            String[] row = state(ids.get(i));
            assertEquals(List.of("RUNNING", workers.get(i).toString(), leased.get(i).leaseId().toString()),
                    List.of(row), "job " + ids.get(i) + " is leased to the worker in its slot");
        }
        assertEquals(List.of(3, 3, 2), List.of(running(a), running(b), running(c)));
    }

    @Test
    void shouldCountTheJobsALabRunsAlreadyAndServeALabsOwnWorkerOnlyThatLab() throws Exception {
        User alice = Api.newUser("Alice");
        UUID p = Api.newLab(alice, "Lab P");
        UUID q = Api.newLab(alice, "Lab Q");
        List<String> jobsP = new ArrayList<>();
        List<String> jobsQ = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobsP.add(Workers.selfTest(alice, p, Map.of()));
            jobsQ.add(Workers.selfTest(alice, q, Map.of()));
        }
        List<UUID> own = List.of(Workers.forLab(alice, p, "p-1").register("CPU", 0).id(),
                Workers.forLab(alice, p, "p-2").register("CPU", 0).id());
        List<JobClaims.Claimed> first = claims.claimAll(new JobClaims.Key(p, List.of("SELF_TEST"), false, 0), own);
        assertEquals(jobsP.subList(0, 2), first.stream().map(l -> l.jobId().toString()).toList());

        List<UUID> shared = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            shared.add(Workers.shared("batch-pq-" + i).register("CPU", 0).id());
        }
        List<JobClaims.Claimed> next = claims.claimAll(ANY_LAB, shared);
        // P runs 2 of 4, Q none: Q's first two (0/4, 1/4), then P's third (2/4), which started jobs before Q did.
        assertEquals(List.of(jobsQ.get(0), jobsQ.get(1), jobsP.get(2)),
                next.stream().map(l -> l.jobId().toString()).toList());
    }

    @Test
    void shouldLeaseAndCompleteEachJobExactlyOnceWhenWorkersCallAtOnce() throws Exception {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Crowded Lab");
        quota(lab, 100);
        Set<String> submitted = new HashSet<>();
        for (int i = 0; i < 24; i++) {
            submitted.add(Workers.selfTest(alice, lab, Map.of()));
        }
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            workers.add(Workers.shared("crowd-" + i).register("CPU", 0));
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        try {
            List<Future<List<String>>> drained = new ArrayList<>();
            for (Worker w : workers) {
                drained.add(pool.submit((Callable<List<String>>) () -> {
                    List<String> mine = new ArrayList<>();
                    var lease = w.lease();
                    while (lease.statusCode() == 200) {
                        String job = lease.path("jobId");
                        mine.add(job);
                        var done = w.post(job, "complete", Map.of("leaseId", lease.path("leaseId"),
                                "next", Map.of("waitSeconds", 0)));
                        lease = done;
                        if (done.statusCode() != 200 && done.statusCode() != 204) {
                            throw new AssertionError(done.statusCode() + " " + done.asString());
                        }
                    }
                    return mine;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : drained) {
                all.addAll(f.get());
            }
            assertEquals(submitted.size(), all.size(), "no job leased twice: " + all);
            assertEquals(submitted, new HashSet<>(all));
        } finally {
            pool.shutdownNow();
        }
        for (String job : submitted) {
            assertEquals("SUCCEEDED", state(job)[0]);
        }
        assertEquals(0, running(lab));
    }

    /**
     * Claims and completions of several labs in one statement, four statements at once: with V2's row trigger such
     * statements locked the labs' quota rows in their plans' row order and deadlocked each other (hundreds of times a
     * run of QueueBenchmark); V5 takes them in lab order, so none may happen and nothing is retried.
     */
    @Test
    void shouldNeverDeadlockWhenStatementsChangingSeveralLabsRunAtOnce() throws Exception {
        User alice = Api.newUser("Alice");
        List<UUID> labs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID lab = Api.newLab(alice, "Busy Lab " + i);
            quota(lab, 100);
            labs.add(lab);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO job (id, lab_id, kind, payload, state, max_attempts, request_hash, created_at,
                                 next_attempt_at)
                SELECT gen_random_uuid(), l.lab_id, 'SELF_TEST', '{"steps": 1}', 'QUEUED', 3, 'x', now(), now()
                FROM unnest(?::uuid[]) AS l(lab_id), generate_series(1, 60)""")) {
            s.setArray(1, c.createArrayOf("uuid", labs.toArray()));
            assertEquals(240, s.executeUpdate());
        }
        List<UUID> workers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            workers.add(Workers.shared("many-labs-" + i).register("CPU", 0).id());
        }
        double retriedBefore = retries();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    int finished = 0;
                    while (true) {
                        List<JobCompletions.Request> requests = new ArrayList<>();
                        for (JobClaims.Claimed job : claims.claimAll(ANY_LAB, workers)) {
                            if (job != null) {
                                requests.add(new JobCompletions.Request(workers.get(requests.size()), job.jobId(),
                                        job.leaseId(), "{}"));
                            }
                        }
                        if (requests.isEmpty()) {
                            return finished;
                        }
                        for (JobCompletions.Done d : completions.completeAll(requests)) {
                            assertNotNull(d, "every leased job completes");
                            finished++;
                        }
                    }
                }));
            }
            int finished = 0;
            for (Future<Integer> f : done) {
                finished += f.get();
            }
            assertEquals(240, finished);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(retriedBefore, retries(), "statements were retried after deadlocks");
        for (UUID lab : labs) {
            assertEquals(0, running(lab));
        }
    }

    private double retries() {
        return registry.find("labscale.queue.retries").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static void quota(UUID lab, int maxRunning) {
        given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON).body(Map.of("maxRunning", maxRunning))
                .put("/api/v1/admin/labs/{lab}/job-quota", lab).then().statusCode(200);
    }

    /** State, leased_by and lease_id of a job. */
    private String[] state(String jobId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT state, leased_by, lease_id FROM job WHERE id = ?")) {
            s.setObject(1, UUID.fromString(jobId));
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "job " + jobId);
                return new String[] {rs.getString(1), rs.getString(2), rs.getString(3)};
            }
        }
    }

    private int running(UUID lab) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT running FROM lab_job_quota WHERE lab_id = ?")) {
            s.setObject(1, lab);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
