package org.labscale.api.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.Workers;

/**
 * A live job stream ends once its caller may no longer read the job (issue 16, Low): its token revoked, or its
 * membership removed. The job stays queued throughout, so only the access check can end the stream. Tests check
 * every second ({@code %test.labscale.jobs.events-access-check}).
 */
@QuarkusTest
class JobEventsAccessTest {

    /** The stream must end within this many seconds of the revocation (checks run every second in tests). */
    static final long BOUND_SECONDS = 5;

    @Test
    void shouldEndAStreamWhenItsTokenIsRevoked() throws Exception {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Streaming Lab");
        String id = Workers.selfTest(alice, lab, Map.of());
        Map<String, Object> created = alice.as().body(Map.of("name", "dashboard", "scope", "READ"))
                .post("/api/v1/me/tokens").then().statusCode(201).extract().as(Map.class);

        Iterator<String> stream = open(id, (String) created.get("token"));
        alice.as().delete("/api/v1/me/tokens/{id}", created.get("id")).then().statusCode(204);
        assertEndsWithin(stream);
    }

    @Test
    void shouldEndAStreamWhenItsCallerIsRemovedFromTheLab() throws Exception {
        User alice = Api.newUser("Alice");
        User vera = Api.newUser("Vera");
        UUID lab = Api.newLab(alice, "Streaming Lab");
        Api.join(alice, lab, vera, "VIEWER");
        String id = Workers.selfTest(alice, lab, Map.of());

        Iterator<String> stream = open(id, vera.token());
        alice.as().delete("/api/v1/labs/{lab}/members/{user}", lab, vera.id()).then().statusCode(204);
        assertEndsWithin(stream);
    }

    /** Opens the job's stream and reads its first event (the job as it is). */
    private static Iterator<String> open(String jobId, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/api/v1/jobs/" + jobId + "/events")).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        Iterator<String> lines = response.body().iterator();
        while (lines.hasNext()) {
            if (lines.next().startsWith("data:")) {
                return lines;
            }
        }
        throw new AssertionError("the stream ended before its first event");
    }

    private static void assertEndsWithin(Iterator<String> stream) throws Exception {
        long started = System.nanoTime();
        CompletableFuture<Boolean> ended = CompletableFuture.supplyAsync(() -> {
            while (stream.hasNext()) {
                String line = stream.next();
                assertTrue(!line.startsWith("data:") || line.contains("\"state\":\"QUEUED\""), line);
            }
            return true;
        });
        assertTrue(ended.get(BOUND_SECONDS + 10, TimeUnit.SECONDS));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertTrue(seconds <= BOUND_SECONDS, "the stream ended only after " + seconds + " s");
    }
}
