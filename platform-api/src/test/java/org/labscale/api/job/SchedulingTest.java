package org.labscale.api.job;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labscale.api.job.service.JobMetrics;
import org.labscale.api.job.service.JobNotifier;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.Workers;
import org.labscale.api.testing.Workers.Worker;

/** Who gets which job: fair share between labs, quotas, GPU routing, lab workers, and the wake-up of long polls. */
@QuarkusTest
class SchedulingTest {

    /** Metrics are served on the management interface only. */
    @TestHTTPResource(value = "metrics", management = true) // under the management root, /q
    URL metricsUrl;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    JobNotifier notifier;

    @Inject
    JobMetrics metrics;

    /** Shared workers see every lab's jobs: end those other tests left queued or running. */
    @BeforeEach
    void emptyQueue() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE job SET state = 'CANCELLED', finished_at = now() WHERE state IN ('QUEUED', 'RUNNING')");
        }
    }

    @Test
    void shouldNotLetABusyLabStarveAnotherLabsSingleJob() {
        User alice = Api.newUser("Alice");
        User bob = Api.newUser("Bob");
        UUID busy = Api.newLab(alice, "Busy Lab");
        UUID quiet = Api.newLab(bob, "Quiet Lab");
        List<String> busyJobs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            busyJobs.add(Workers.selfTest(alice, busy, Map.of()));
        }
        String single = Workers.selfTest(bob, quiet, Map.of());
        Worker shared = Workers.shared("shared-cpu").register("CPU", 0);
        List<Object> leased = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            leased.add(shared.leaseOne().get("jobId"));
        }
        // Whichever lab goes first, the other one is next (it runs 0 of 4, the first 1 of 4): the quiet lab's single
        // job is among the first two, and the busy lab's jobs go in their own order.
        assertTrue(leased.subList(0, 2).contains(single), leased.toString());
        List<Object> busyLeased = new ArrayList<>(leased);
        busyLeased.remove(single);
        assertEquals(busyJobs.subList(0, 2), busyLeased);
    }

    /**
     * One slot, long jobs: lab A's job holds the only shared slot and A has more queued; lab B's single job, submitted
     * after all of them, takes the slot when it comes free (here through a completion that leases the next job), although
     * both labs then run nothing and A's jobs are older and of higher priority: the lab that started a job longest ago
     * (B: never) goes first.
     */
    @Test
    void shouldGiveTheNextFreeSlotToALabWaitingBehindAnotherLabsLongJobs() {
        User alice = Api.newUser("Alice");
        User bob = Api.newUser("Bob");
        UUID a = Api.newLab(alice, "Long Jobs Lab");
        UUID b = Api.newLab(bob, "One Job Lab");
        List<String> jobsA = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            jobsA.add(Workers.selfTest(alice, a, Map.of("priority", 10)));
        }
        Worker first = Workers.shared("the only slot").register("CPU", 0);
        Map<String, Object> leaseA1 = first.leaseOne();
        assertEquals(jobsA.get(0), leaseA1.get("jobId"));
        String single = Workers.selfTest(bob, b, Map.of());

        ExtractableResponse<Response> next = first.post(jobsA.get(0), "complete", Map.of("leaseId",
                leaseA1.get("leaseId"), "next", Map.of("waitSeconds", 0)));
        assertEquals(200, next.statusCode(), next.asString());
        assertEquals(single, next.path("jobId"));
        assertEquals(jobsA.get(1), first.post(single, "complete", Map.of("leaseId", next.path("leaseId"),
                "next", Map.of("waitSeconds", 0))).path("jobId"));
    }

    @Test
    void shouldServeEquallyLoadedLabsInTurn() {
        User alice = Api.newUser("Alice");
        User bob = Api.newUser("Bob");
        UUID a = Api.newLab(alice, "Lab A");
        UUID b = Api.newLab(bob, "Lab B");
        List<String> jobsA = new ArrayList<>();
        List<String> jobsB = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobsA.add(Workers.selfTest(alice, a, Map.of("priority", 10)));
            jobsB.add(Workers.selfTest(bob, b, Map.of()));
        }
        Worker shared = Workers.shared("shared-cpu").register("CPU", 0);
        List<Object> leased = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            leased.add(shared.leaseOne().get("jobId"));
        }
        // Alternating labs, whatever lab A's priorities say: priority only orders a lab's own jobs.
        for (int i = 0; i < 6; i += 2) {
            assertTrue(List.of(leased.get(i), leased.get(i + 1)).containsAll(List.of(jobsA.get(i / 2), jobsB.get(i / 2))),
                    leased.toString());
        }
    }

    @Test
    void shouldRespectLabQuotasAndPriorities() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Busy Lab");
        String low = Workers.selfTest(alice, lab, Map.of("priority", -1));
        String first = Workers.selfTest(alice, lab, Map.of());
        String urgent = Workers.selfTest(alice, lab, Map.of("priority", 5));
        String admin = Api.adminToken();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("maxRunning", 2))
                .put("/api/v1/admin/labs/{lab}/job-quota", lab).then().statusCode(200).body("maxRunning", equalTo(2))
                .body("running", equalTo(0));
        alice.as().body(Map.of("maxRunning", 100)).put("/api/v1/admin/labs/{lab}/job-quota", lab).then().statusCode(403);
        Worker shared = Workers.shared("shared-cpu").register("CPU", 0);
        Map<String, Object> a = shared.leaseOne();
        Map<String, Object> b = shared.leaseOne();
        assertEquals(List.of(urgent, first), List.of(a.get("jobId"), b.get("jobId")));
        assertEquals(204, shared.lease().statusCode(), "the lab runs 2 of 2");
        given().auth().oauth2(admin).get("/api/v1/admin/labs/{lab}/job-quota", lab).then().body("running", equalTo(2));
        shared.post(a.get("jobId"), "complete", Map.of("leaseId", a.get("leaseId"))).statusCode();
        assertEquals(low, shared.leaseOne().get("jobId"));
    }

    @Test
    void shouldSendGpuJobsOnlyToCudaWorkersWithEnoughMemory() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "GPU Lab");
        String gpu = Workers.selfTest(alice, lab, Map.of("requiresGpu", true));
        String big = Workers.selfTest(alice, lab, Map.of("minGpuMemoryMb", 16_000));
        Worker cpu = Workers.forLab(alice, lab, "cpu").register("CPU", 0);
        Worker small = Workers.forLab(alice, lab, "small-gpu").register("CUDA", 8_000);
        Worker large = Workers.forLab(alice, lab, "large-gpu").register("CUDA", 24_000);
        assertEquals(204, cpu.lease().statusCode());
        assertEquals(gpu, small.leaseOne().get("jobId"));
        assertEquals(204, small.lease().statusCode());
        assertEquals(big, large.leaseOne().get("jobId"));
        String anywhere = Workers.selfTest(alice, lab, Map.of());
        assertEquals(anywhere, cpu.leaseOne().get("jobId"));
    }

    @Test
    void shouldGiveALabsWorkerOnlyThatLabsJobs() {
        User alice = Api.newUser("Alice");
        User bob = Api.newUser("Bob");
        UUID labA = Api.newLab(alice, "Lab A");
        UUID labB = Api.newLab(bob, "Lab B");
        String jobA = Workers.selfTest(alice, labA, Map.of());
        Worker bobs = Workers.forLab(bob, labB, "bobs-box").register("CUDA", 24_000);
        assertEquals(204, bobs.lease().statusCode());
        Worker alices = Workers.forLab(alice, labA, "alices-box").register("CPU", 0);
        assertEquals(jobA, alices.leaseOne().get("jobId"));
        // Only the kinds a worker runs, or asks for.
        String job = Workers.selfTest(bob, labB, Map.of());
        bobs.as().body(Map.of("waitSeconds", 0, "kinds", List.of("TRAINING"))).post("/api/v1/worker/lease").then()
                .statusCode(204);
        bobs.as().body(Map.of("waitSeconds", 0, "kinds", List.of("SELF_TEST"))).post("/api/v1/worker/lease").then()
                .statusCode(200).body("jobId", equalTo(job));
    }

    /** The one test that waits for real time: a long poll must wake on NOTIFY, not on its 20 s fallback. */
    @Test
    void shouldWakeAWaitingLeaseWhenAJobIsSubmitted() throws Exception {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Fast Lab");
        Worker worker = Workers.forLab(alice, lab, "box").register("CPU", 0);
        for (int i = 0; i < 50 && !notifier.connected(); i++) {
            Thread.sleep(100);
        }
        assertTrue(notifier.connected(), "the notification listener is connected");
        CompletableFuture<ExtractableResponse<Response>> waiting = CompletableFuture.supplyAsync(() -> worker.as()
                .body(Map.of("waitSeconds", 15)).post("/api/v1/worker/lease").then().extract());
        Thread.sleep(500); // let the poll find nothing and start waiting
        long before = System.nanoTime();
        String id = Workers.selfTest(alice, lab, Map.of());
        ExtractableResponse<Response> lease = waiting.get(15, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
        assertEquals(200, lease.statusCode());
        assertEquals(id, lease.path("jobId"));
        System.out.println("Long poll woke " + millis + " ms after the submit began (submit included)");
        assertTrue(millis < 1000, "woke after " + millis + " ms");
    }

    /**
     * A job that ends wakes long polls only when it frees a slot of a lab that was at its quota (the
     * running-count trigger, migrations V4 and V5): a poller waiting on a full lab gets its job at once, while
     * a job ending in a lab below its quota sends no wake-up.
     */
    @Test
    void shouldWakeAWaitingLeaseWhenAJobFreesAFullLabsSlotAndOnlyThen() throws Exception {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Full Lab");
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobs.add(Workers.selfTest(alice, lab, Map.of()));
        }
        given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON).body(Map.of("maxRunning", 2))
                .put("/api/v1/admin/labs/{lab}/job-quota", lab).then().statusCode(200);
        Worker first = Workers.forLab(alice, lab, "first").register("CPU", 0);
        Worker second = Workers.forLab(alice, lab, "second").register("CPU", 0);
        Worker waiter = Workers.forLab(alice, lab, "waiter").register("CPU", 0);
        for (int i = 0; i < 50 && !notifier.connected(); i++) {
            Thread.sleep(100);
        }
        assertTrue(notifier.connected(), "the notification listener is connected");

        Map<String, Object> a = first.leaseOne(); // 1 of 2 running
        Thread.sleep(300); // let the set-up's notifications arrive
        long generation = notifier.generation();
        assertEquals(204, first.post(a.get("jobId"), "complete", Map.of("leaseId", a.get("leaseId"))).statusCode());
        Thread.sleep(500);
        assertEquals(generation, notifier.generation(), "a job ending in a lab below its quota wakes no long poll");

        Map<String, Object> b = first.leaseOne();
        second.leaseOne(); // 2 of 2 running, one job left queued
        CompletableFuture<ExtractableResponse<Response>> waiting = CompletableFuture.supplyAsync(() -> waiter.as()
                .body(Map.of("waitSeconds", 15)).post("/api/v1/worker/lease").then().extract());
        Thread.sleep(500); // let the poll find the lab full and start waiting
        long before = System.nanoTime();
        assertEquals(204, first.post(b.get("jobId"), "complete", Map.of("leaseId", b.get("leaseId"))).statusCode());
        ExtractableResponse<Response> lease = waiting.get(15, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
        assertEquals(200, lease.statusCode());
        assertEquals(jobs.get(3), lease.path("jobId"));
        assertTrue(millis < 1000, "woke " + millis + " ms after the completion began (the fallback is 20 s)");
    }

    @Test
    void shouldExportQueueMetrics() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Metric Lab");
        Workers.selfTest(alice, lab, Map.of());
        Workers.selfTest(alice, lab, Map.of());
        Worker worker = Workers.forLab(alice, lab, "box").register("CPU", 0);
        worker.leaseOne();
        metrics.refresh();
        given().get(metricsUrl).then().statusCode(200)
                .body(containsString("labscale_queue_depth{kind=\"SELF_TEST\",lab=\"" + lab + "\"} 1.0"))
                .body(containsString("labscale_jobs_running{kind=\"SELF_TEST\",lab=\"" + lab + "\"} 1.0"))
                .body(containsString("labscale_workers_seen{kind=\"SELF_TEST\",lab=\"" + lab + "\",scope=\"lab\"} 1.0"))
                .body(containsString("labscale_lease_latency_seconds_count{kind=\"SELF_TEST\",outcome=\"leased\"}"))
                .body(containsString("labscale_queue_batch_size_count{statement=\"claim\"}"))
                .body(containsString("labscale_job_wait_seconds_count{kind=\"SELF_TEST\",lab=\"" + lab + "\"} 1"));
    }
}
