package org.labscale.it.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.shared.job.SelfTestPayload;

/**
 * A lab's own worker that runs SELF_TEST jobs exactly as {@link SelfTestPayload} specifies (steps with progress
 * heartbeats, the result object PUT to its presigned URL, then complete; or a retryable failure at
 * {@code failAtStep}), over the real worker protocol. It makes the CLI's job tests independent of which worker
 * nodes the platform runs; if another worker takes a job first, the outcome is the same.
 */
final class SelfTestWorker implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String api;
    private final String token;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    private SelfTestWorker(String api, String token) {
        this.api = api;
        this.token = token;
        this.thread = new Thread(this::loop, "cli-it-self-test-worker");
    }

    /** Makes a worker credential for {@code lab} (its owner's call), registers it and starts leasing. */
    static SelfTestWorker start(LocalPlatform platform, Person owner, UUID lab) {
        String token = owner.as().body(Map.of("name", "cli-it-worker")).post("/api/v1/labs/{lab}/workers", lab)
                .then().statusCode(201).extract().path("token");
        SelfTestWorker worker = new SelfTestWorker(platform.apiUrl(), token);
        worker.post("/api/v1/worker/register", Map.of("capabilities", Map.of("device", "CPU", "gpuMemoryMb", 0,
                "kinds", List.of("SELF_TEST"), "slots", 1), "host", "cli-it", "softwareVersion", "cli-it"), 200);
        worker.thread.setDaemon(true);
        worker.thread.start();
        return worker;
    }

    private void loop() {
        try {
            while (!stop.get()) {
                HttpResponse<String> lease = send("/api/v1/worker/lease",
                        Map.of("kinds", List.of("SELF_TEST"), "waitSeconds", 1));
                if (lease.statusCode() == 204) {
                    continue;
                }
                check(lease, 200);
                run(JSON.readTree(lease.body()));
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    private void run(JsonNode lease) throws Exception {
        String job = lease.get("jobId").asText();
        String leaseId = lease.get("leaseId").asText();
        JsonNode p = lease.get("payload");
        int steps = p.path("steps").asInt(3);
        long stepMillis = p.path("stepMillis").asLong(100);
        String seed = p.path("seed").asText("");
        int failAt = p.path("failAtStep").asInt(0);
        for (int i = 1; i <= steps; i++) {
            Thread.sleep(stepMillis);
            if (i == failAt) {
                post("/api/v1/worker/jobs/" + job + "/fail", Map.of("leaseId", leaseId, "code",
                        "self-test.requested-failure", "message", "Failing at step " + i + " as requested.",
                        "retryable", true), 204);
                return;
            }
            post("/api/v1/worker/jobs/" + job + "/heartbeat", Map.of("leaseId", leaseId, "progress",
                    Map.of("fraction", (double) i / steps, "message", "step " + i + " of " + steps,
                            "metrics", Map.of("step", i))), 200);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("checksum", SelfTestPayload.checksum(seed, steps));
        result.put("steps", steps);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(lease.get("outputs").get("result")
                .asText())).PUT(BodyPublishers.ofByteArray(JSON.writeValueAsBytes(result))).build(),
                BodyHandlers.ofString());
        check(put, 200);
        post("/api/v1/worker/jobs/" + job + "/complete", Map.of("leaseId", leaseId, "result", result,
                "outputs", List.of("result")), 204);
    }

    private void post(String path, Object body, int expected) {
        check(send(path, body), expected);
    }

    private HttpResponse<String> send(String path, Object body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8)).build(),
                    BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("worker call " + path + " failed", e);
        }
    }

    private static void check(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().method() + " " + response.uri().getPath()
                    + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join(10_000);
        if (failure.get() != null) {
            throw new AssertionError("the test worker failed", failure.get());
        }
    }
}
