package org.labscale.api.job;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.Workers;
import org.labscale.api.testing.Workers.Worker;

/** The training curve a job's heartbeats build up ({@code GET /api/v1/jobs/{id}/curve}). */
@QuarkusTest
class TrainingCurveTest {

    @Test
    void shouldKeepOnePointPerMemberAndEpochFromTheHeartbeatsAndShowItOnlyToTheLab() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Curve Lab");
        Worker worker = Workers.forLab(alice, lab, "box").register("CPU", 0);
        String id = alice.as().body(Map.of("kind", "SELF_TEST", "payload", Map.of("steps", 2, "seed", "s")))
                .post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(201).extract().path("id");
        Object leaseId = worker.leaseOne().get("leaseId");
        alice.as().get("/api/v1/jobs/{id}/curve", id).then().statusCode(200).body("size()", equalTo(0));

        beat(worker, id, leaseId, Map.of("member", 1.0, "epoch", 1.0, "batch", 3.0)); // no epoch validated yet
        beat(worker, id, leaseId, epoch(1, 1, 0.9, 1.0, 0.5));
        beat(worker, id, leaseId, with(epoch(1, 1, 0.9, 1.0, 0.5), Map.of("epoch", 2.0, "batch", 4.0))); // again
        beat(worker, id, leaseId, epoch(2, 1, 0.8, 0.95, 0.6));
        beat(worker, id, leaseId, epoch(1, 2, 0.6, 0.7, 0.8));
        JsonPath curve = alice.as().get("/api/v1/jobs/{id}/curve", id).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(0, 0, 1), curve.getList("member", Integer.class), "ordered by member, then epoch");
        assertEquals(List.of(1, 2, 1), curve.getList("epoch", Integer.class));
        assertEquals(0.7, curve.getDouble("[1].validationLoss"), 1e-9);
        assertEquals(List.of(0.8f), curve.getList("[1].perClassAccuracy"));

        beat(worker, id, leaseId, epoch(2, 1, 0.5, 0.55, 0.9)); // member 2 retrained after diverging
        curve = alice.as().get("/api/v1/jobs/{id}/curve", id).then().extract().jsonPath();
        assertEquals(3, curve.getList("member").size(), "the retrained member's epoch replaces its first try");
        assertEquals(0.5, curve.getDouble("[2].trainLoss"), 1e-9);

        User bob = Api.newUser("Bob");
        Api.newLab(bob, "Other Lab");
        bob.as().get("/api/v1/jobs/{id}/curve", id).then().statusCode(404);
        bob.as().get("/api/v1/jobs/{id}/curve", UUID.randomUUID()).then().statusCode(404);
    }

    private static Map<String, Double> epoch(int member, int epoch, double train, double validation, double interior) {
        return Map.of("validatedMember", (double) member, "validatedEpoch", (double) epoch, "trainLoss", train,
                "validationLoss", validation, "accuracy.interior", interior, "member", (double) member,
                "epoch", (double) epoch);
    }

    private static Map<String, Double> with(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> out = new HashMap<>(a);
        out.putAll(b);
        return out;
    }

    private static void beat(Worker worker, String id, Object leaseId, Map<String, Double> metrics) {
        assertEquals(200, worker.post(id, "heartbeat", Map.of("leaseId", leaseId, "progress",
                Map.of("fraction", 0.5, "metrics", metrics))).statusCode());
    }
}
