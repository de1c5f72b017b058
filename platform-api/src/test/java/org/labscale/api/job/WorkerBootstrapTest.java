package org.labscale.api.job;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labscale.api.job.service.WorkerBootstrap;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Workers.Worker;

/** The shared worker the API keeps for {@code labscale.jobs.bootstrap-worker-token}, and its restarts. */
@QuarkusTest
class WorkerBootstrapTest {

    @Inject
    WorkerBootstrap bootstrap;

    @ConfigProperty(name = "labscale.jobs.bootstrap-worker-token")
    String configured;

    @AfterEach
    void restoreConfiguredToken() {
        bootstrap.ensure(configured);
    }

    @Test
    void shouldCreateTheSharedWorkerOfTheConfiguredTokenAtStart() {
        Worker worker = new Worker(WorkerBootstrap.WORKER_ID, configured).register("CPU", 0);
        // Accepted: no job (204), or one that another test class left queued for shared workers (200).
        int status = worker.as().body(Map.of("waitSeconds", 0)).post("/api/v1/worker/lease").then().extract()
                .statusCode();
        assertTrue(status == 204 || status == 200, "the configured token was refused: " + status);
        List<Map<String, Object>> mine = bootstrapWorkers();
        assertEquals(1, mine.size(), mine.toString());
        assertEquals("bootstrap worker", mine.get(0).get("name"));
        assertEquals(null, mine.get(0).get("labId"), "a shared worker");
        assertEquals(configured.substring(0, 12), mine.get(0).get("tokenPrefix"));
    }

    @Test
    void shouldKeepOneWorkerAcrossRestartsAndFollowTheToken() {
        bootstrap.ensure(configured); // a restart with the same token
        bootstrap.ensure(configured);
        assertEquals(1, bootstrapWorkers().size());
        assertAccepted(configured, true);

        String changed = "lsw_bootstrap-test-token-changed-42";
        bootstrap.ensure(changed); // a restart with a new token
        assertEquals(1, bootstrapWorkers().size());
        assertAccepted(configured, false);
        assertAccepted(changed, true);

        // The administrator's revocation survives restarts with the same token, not a new token.
        given().auth().oauth2(Api.adminToken()).delete("/api/v1/admin/workers/{id}", WorkerBootstrap.WORKER_ID).then()
                .statusCode(204);
        bootstrap.ensure(changed);
        assertAccepted(changed, false);
        bootstrap.ensure(configured);
        assertAccepted(configured, true);
        assertEquals(1, bootstrapWorkers().size());
    }

    @Test
    void shouldRefuseATokenThatIsNotAWorkerToken() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bootstrap.ensure("secret"));
        assertTrue(e.getMessage().contains("LABSCALE_BOOTSTRAP_WORKER_TOKEN"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> bootstrap.ensure("lsw_short"));
    }

    /**
     * Whether the API takes the token: a lease without waiting answers 401 for an unknown or revoked token, and 409
     * (not registered) or 204 (no job) for a valid one.
     */
    private static void assertAccepted(String token, boolean accepted) {
        int status = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("waitSeconds", 0))
                .post("/api/v1/worker/lease").then().extract().statusCode();
        if (accepted) {
            assertTrue(status == 409 || status == 204, "token refused: " + status);
        } else {
            assertEquals(401, status);
        }
    }

    private static List<Map<String, Object>> bootstrapWorkers() {
        List<Map<String, Object>> items = given().auth().oauth2(Api.adminToken()).queryParam("size", 200)
                .get("/api/v1/admin/workers").then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(w -> WorkerBootstrap.WORKER_ID.toString().equals(w.get("id"))).toList();
    }
}
