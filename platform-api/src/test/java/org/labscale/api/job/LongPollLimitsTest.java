package org.labscale.api.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.Workers;
import org.labscale.api.testing.Workers.Worker;

/**
 * Worker long polls cannot stall the API (issue 16.3): waiting polls hold no request thread, and each worker token
 * (its slots) and each lab ({@code max-polls-per-lab}) may have only so many waiting; more are refused with 429. With
 * {@value #THREADS} request threads, {@value #POLLS} polls of one lab would hold every thread for their whole wait if
 * polls held threads, and another lab's request would wait that long.
 */
@QuarkusTest
@TestProfile(JobLimitsTest.SmallLimits.class)
class LongPollLimitsTest {

    /** Request threads in this profile. */
    static final int THREADS = 32;
    /** Polls one lab may have waiting in this profile: well above {@link #THREADS}. */
    static final int LAB_POLLS = 100;
    /** Polls the busy lab sends: five workers of 30 slots each. */
    static final int POLLS = 150;
    /** How long each poll waits, in seconds. */
    static final int WAIT = 8;
    /** The bound on another lab's request while the polls wait, in milliseconds. */
    static final long BOUND_MILLIS = 2_000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void shouldKeepServingAnotherLabWhileOneLabsWorkersWaitAndRefuseThePollsBeyondItsCap() throws Exception {
        User alice = Api.newUser("Alice");
        User bob = Api.newUser("Bob");
        UUID busy = Api.newLab(alice, "Polling Lab");
        Api.newLab(bob, "Quiet Lab");
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < POLLS / 30; i++) {
            workers.add(register(Workers.forLab(alice, busy, "node " + i), 30));
        }
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        for (int i = 0; i < POLLS; i++) {
            polls.add(http.sendAsync(lease(workers.get(i % workers.size()), WAIT), HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(2_000); // every poll has arrived and is waiting (or was refused)

        long started = System.nanoTime();
        HttpResponse<String> me = http.send(HttpRequest.newBuilder(uri("/api/v1/me"))
                .header("Authorization", "Bearer " + bob.token()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(millis < BOUND_MILLIS, "another lab's GET /me took " + millis + " ms while " + POLLS
                + " polls of one lab waited");

        int waited = 0;
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> poll : polls) {
            HttpResponse<String> r = poll.get(WAIT + 20, TimeUnit.SECONDS);
            if (r.statusCode() == 204) {
                waited++;
            } else {
                assertEquals(429, r.statusCode(), r.body());
                assertTrue(r.body().contains("\"worker.too-many-polls\"") && r.body().contains("\"scope\":\"lab\"")
                        && r.body().contains("labscale.jobs.limits.max-polls-per-lab"), r.body());
                refused++;
            }
        }
        assertEquals(LAB_POLLS, waited);
        assertEquals(POLLS - LAB_POLLS, refused);
        // the places came back: the lab may poll again
        assertEquals(204, workers.get(0).lease().statusCode());
    }

    @Test
    void shouldLetAWorkerTokenWaitOnlyOnePollPerSlot() throws Exception {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Two Slot Lab");
        Worker worker = register(Workers.forLab(alice, lab, "two slots"), 2);
        List<CompletableFuture<HttpResponse<String>>> waiting = List.of(
                http.sendAsync(lease(worker, 5), HttpResponse.BodyHandlers.ofString()),
                http.sendAsync(lease(worker, 5), HttpResponse.BodyHandlers.ofString()));
        Thread.sleep(1_000);
        HttpResponse<String> third = http.send(lease(worker, 5), HttpResponse.BodyHandlers.ofString());
        assertEquals(429, third.statusCode(), third.body());
        assertTrue(third.body().contains("\"worker.too-many-polls\"") && third.body().contains("\"scope\":\"worker\"")
                && third.body().contains("\"limit\":2"), third.body());

        // a job submitted now goes to a waiting poll, which frees its place
        String id = Workers.selfTest(alice, lab, Map.of());
        HttpResponse<String> leased = CompletableFuture.anyOf(waiting.toArray(CompletableFuture[]::new))
                .thenApply(r -> (HttpResponse<String>) r).get(5, TimeUnit.SECONDS);
        assertEquals(200, leased.statusCode(), leased.body());
        assertTrue(leased.body().contains(id), leased.body());
        HttpResponse<String> again = http.send(lease(worker, 0), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, again.statusCode(), again.body());
        for (CompletableFuture<HttpResponse<String>> poll : waiting) {
            poll.get(15, TimeUnit.SECONDS);
        }
    }

    private static Worker register(Worker worker, int slots) {
        worker.as().body(Map.of("capabilities", Map.of("device", "CPU", "gpuMemoryMb", 0, "kinds", List.of("SELF_TEST"),
                "slots", slots), "host", "poll-node")).post("/api/v1/worker/register").then().statusCode(200);
        return worker;
    }

    private static HttpRequest lease(Worker worker, int waitSeconds) {
        return HttpRequest.newBuilder(uri("/api/v1/worker/lease")).header("Authorization", "Bearer " + worker.token())
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(waitSeconds + 30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"waitSeconds\":" + waitSeconds + "}")).build();
    }

    private static URI uri(String path) {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
    }
}
