package org.labscale.api.testing;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import org.labscale.api.testing.Api.User;

/** Worker nodes as tests drive them: credentials, registration, leases, and jobs to give them. */
public final class Workers {

    private Workers() {
    }

    /** A worker credential, registered with a device and GPU memory, running every kind. */
    public record Worker(UUID id, String token) {
        public RequestSpecification as() {
            return given().auth().oauth2(token).contentType(ContentType.JSON);
        }

        public Worker register(String device, int gpuMemoryMb) {
            as().body(Map.of("capabilities", Map.of("device", device, "gpuMemoryMb", gpuMemoryMb,
                            "kinds", List.of("TRAINING", "SEGMENTATION", "SELF_TEST"), "slots", 1), "host", "test-node"))
                    .post("/api/v1/worker/register").then().statusCode(200);
            return this;
        }

        /** Asks for a job without waiting: 200 with a lease, or 204. */
        public ExtractableResponse<Response> lease() {
            return as().body(Map.of("waitSeconds", 0)).post("/api/v1/worker/lease").then().extract();
        }

        /** The lease of the next job; fails when none is ready. */
        public Map<String, Object> leaseOne() {
            ExtractableResponse<Response> r = lease();
            if (r.statusCode() != 200) {
                throw new AssertionError("expected a lease, got " + r.statusCode() + " " + r.asString());
            }
            return r.jsonPath().getMap("");
        }

        public ExtractableResponse<Response> post(Object jobId, String action, Map<String, Object> body) {
            return as().body(body).post("/api/v1/worker/jobs/{id}/" + action, jobId).then().extract();
        }
    }

    public static Worker forLab(User owner, UUID labId, String name) {
        var created = owner.as().body(Map.of("name", name)).post("/api/v1/labs/{lab}/workers", labId).then()
                .statusCode(201).extract();
        return new Worker(UUID.fromString(created.path("id")), created.path("token"));
    }

    public static Worker shared(String name) {
        var created = given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/v1/admin/workers").then().statusCode(201).extract();
        return new Worker(UUID.fromString(created.path("id")), created.path("token"));
    }

    /** Submits a SELF_TEST job (201) with extra top-level fields; answers its id. */
    public static String selfTest(User user, UUID labId, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "SELF_TEST", "payload", Map.of("steps", 2, "stepMillis", 0)));
        body.putAll(extra);
        return user.as().body(body).post("/api/v1/labs/{lab}/jobs", labId).then().statusCode(201).extract().path("id");
    }
}
