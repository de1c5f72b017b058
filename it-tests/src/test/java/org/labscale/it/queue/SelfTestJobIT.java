package org.labscale.it.queue;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.shared.job.SelfTestPayload;

/**
 * The whole job pipeline on the local platform, with the packaged API and the packaged worker as separate processes:
 * a lab member submits a SELF_TEST job, the launcher's worker (registered with the bootstrap shared-worker token)
 * leases it, heartbeats its progress, stores its result object in S3 and completes it.
 */
class SelfTestJobIT {

    private static LocalPlatform platform;
    private static Person member;
    private static UUID lab;

    @BeforeAll
    static void lab() {
        platform = LocalPlatform.get();
        Person owner = Lab.person(platform, "Queue Owner");
        lab = Lab.createLab(owner, "Self-test lab");
        member = Lab.person(platform, "Queue Member");
        Lab.invite(owner, lab, member, "MEMBER");
    }

    @Test
    void shouldRunASelfTestJobOnTheLocalWorkerToSucceeded() throws Exception {
        String id = member.as().header("Idempotency-Key", "self-test-" + UUID.randomUUID())
                .body(Map.of("kind", "SELF_TEST", "payload", Map.of("steps", 4, "stepMillis", 250, "seed", "it")))
                .post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(201).extract().path("id");

        JsonPath job = awaitFinal(id, Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        Map<String, Object> expected = Map.of("checksum", SelfTestPayload.checksum("it", 4), "steps", 4);
        assertEquals(expected, job.getMap("result"));
        assertEquals(List.of("result"), job.getList("outputs"));
        assertEquals(1, job.getInt("attempts"));
        assertEquals(1.0, job.getDouble("progress.fraction"), 1e-9);
        assertNotNull(job.getString("workerId"));
        assertNull(job.get("error"));

        // the result object is in S3 under the job's prefix, once, with the same JSON
        List<String> objects = platform.objects("labs/" + lab + "/jobs/" + id + "/");
        assertEquals(1, objects.size(), objects.toString());
        assertTrue(objects.get(0).endsWith("/result.json"), objects.get(0));
        byte[] stored = platform.object(objects.get(0));
        assertEquals(expected, new ObjectMapper().readValue(stored, new TypeReference<Map<String, Object>>() { }));

        String succeeded = "labscale_worker_jobs_total{kind=\"SELF_TEST\",outcome=\"succeeded\"}";
        assertTrue(platform.workerUrls().stream().anyMatch(url -> given().baseUri(url).get("/q/metrics").then()
                .statusCode(200).extract().asString().contains(succeeded)),
                "the worker that ran the job counts it in its metrics");
    }

    private static JsonPath awaitFinal(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonPath job;
        do {
            job = member.as().get("/api/v1/jobs/{id}", id).then().statusCode(200).extract().jsonPath();
            if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job.getString("state"))) {
                return job;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job " + id + " did not end within " + timeout + ": " + job.prettify());
    }
}
