package org.labscale.worker.connection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.inject.Inject;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The worker's readiness follows whether the platform API answers. The "API" here is a local HTTP server that serves
 * the one public endpoint the worker calls; the real API is exercised against real workers in it-tests.
 */
@QuarkusTest
@TestProfile(ApiConnectionTest.LocalApi.class)
class ApiConnectionTest {

    static HttpServer api;

    public static class LocalApi implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            api.createContext("/api/v1/info", exchange -> {
                byte[] body = "{\"name\":\"Labscale\",\"version\":\"test\",\"apiVersion\":\"v1\"}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            api.start();
            return Map.of("labscale.api.url", "http://127.0.0.1:" + api.getAddress().getPort(),
                    "labscale.worker.ping-interval", "PT1H");
        }
    }

    @Inject
    ApiConnection connection;

    @AfterAll
    static void stopApi() {
        api.stop(0);
    }

    @Test
    void shouldBeReadyWhileTheApiAnswersAndNotAfterItStops() {
        assertTrue(connection.check().connected());
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'platform-api' }.status", equalTo("UP"))
                // no token in this profile: the worker leases nothing and says so
                .body("checks.find { it.name == 'worker-registration' }.data.leasing", equalTo(false));
        api.stop(0);
        assertFalse(connection.check().connected());
        given().get("/q/health/ready").then().statusCode(503);
    }
}
