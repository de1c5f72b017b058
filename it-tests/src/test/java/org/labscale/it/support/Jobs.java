package org.labscale.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.restassured.path.json.JsonPath;

import org.labscale.it.support.Lab.Person;

/** A lab's jobs through the API: submit with an idempotency key, follow until the job ends. */
public final class Jobs {

    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    private Jobs() {
    }

    /** A job as it ended, with the progress messages seen while it ran (in order, without repeats). */
    public record Ended(JsonPath job, List<String> progress) {
        public String state() {
            return job.getString("state");
        }
    }

    /** Submits a job (201) under {@code idempotencyKey}; answers its id. */
    public static String submit(Person who, UUID lab, String kind, Map<String, Object> payload, String idempotencyKey) {
        return who.as().header("Idempotency-Key", idempotencyKey).body(Map.of("kind", kind, "payload", payload))
                .post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(201).extract().path("id");
    }

    /** Polls the job until it ends; fails the test after {@code timeout}, naming the last state and progress. */
    public static Ended await(Person who, String jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> progress = new ArrayList<>();
        JsonPath job = null;
        while (System.nanoTime() < deadline) {
            job = who.as().get("/api/v1/jobs/{id}", jobId).then().statusCode(200).extract().jsonPath();
            String message = job.getString("progress.message");
            if (message != null && (progress.isEmpty() || !progress.get(progress.size() - 1).equals(message))) {
                progress.add(message);
            }
            if (ENDED.contains(job.getString("state"))) {
                return new Ended(job, progress);
            }
            Thread.sleep(250);
        }
        fail("job " + jobId + " did not end within " + timeout + "; last seen: "
                + (job == null ? "nothing" : job.prettify()) + "; progress: " + progress);
        return null;
    }
}
