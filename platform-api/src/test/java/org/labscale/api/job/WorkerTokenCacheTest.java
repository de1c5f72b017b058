package org.labscale.api.job;

import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.MutableClock;
import org.labscale.api.testing.Workers;
import org.labscale.api.testing.Workers.Worker;

/**
 * Worker tokens are cached for {@code worker-token-cache-ttl} (5 s): changes made through this API process take
 * effect at once, changes made elsewhere (another API process, SQL) within the TTL.
 */
@QuarkusTest
class WorkerTokenCacheTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldRefuseARevokedTokenAtOnceWhenRevokedHere() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Cache Lab");
        Worker worker = Workers.forLab(alice, lab, "box").register("CPU", 0);
        leaseStatus(worker, 204); // resolved and cached
        alice.as().delete("/api/v1/labs/{lab}/workers/{w}", lab, worker.id()).then().statusCode(204);
        worker.as().body(Map.of("waitSeconds", 0)).post("/api/v1/worker/lease").then().statusCode(401)
                .body("code", equalTo("auth.invalid-token"));
    }

    @Test
    void shouldSeeARevocationMadeElsewhereWithinTheTtl() throws Exception {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        QuarkusMock.installMockForType(clock, Clock.class);
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Cache Lab");
        Worker worker = Workers.forLab(alice, lab, "box").register("CPU", 0);
        leaseStatus(worker, 204);
        // Another API process revokes it: this process does not hear of it.
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE worker SET revoked_at = now() WHERE id = ?")) {
            s.setObject(1, worker.id());
            s.executeUpdate();
        }
        clock.advance(Duration.ofSeconds(4));
        leaseStatus(worker, 204); // still cached: the token resolved less than 5 s ago
        clock.advance(Duration.ofSeconds(1));
        leaseStatus(worker, 401); // the entry expired; the lookup sees the revocation
        // A clock moved backwards does not bring the entry back.
        clock.advance(Duration.ofSeconds(-60));
        leaseStatus(worker, 401);
    }

    @Test
    void shouldUseANewRegistrationAtOnce() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Cache Lab");
        Worker worker = Workers.forLab(alice, lab, "box");
        worker.as().body(Map.of("capabilities", Map.of("device", "CPU", "gpuMemoryMb", 0, "kinds", List.of("TRAINING"),
                "slots", 1))).post("/api/v1/worker/register").then().statusCode(200);
        String id = Workers.selfTest(alice, lab, Map.of());
        leaseStatus(worker, 204); // it runs only TRAINING (and that is cached now)
        worker.register("CPU", 0); // now every kind
        worker.as().body(Map.of("waitSeconds", 0)).post("/api/v1/worker/lease").then().statusCode(200)
                .body("jobId", equalTo(id));
    }

    private static void leaseStatus(Worker worker, int expected) {
        worker.as().body(Map.of("waitSeconds", 0)).post("/api/v1/worker/lease").then().statusCode(expected);
    }
}
