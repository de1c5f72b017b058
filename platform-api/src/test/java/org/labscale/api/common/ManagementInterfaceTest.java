package org.labscale.api.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.net.URL;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

/**
 * Metrics name every lab (queue depth, jobs, workers per lab id), so the public port does not serve them: they live on
 * the management interface, which listens on 127.0.0.1 unless the operator says otherwise. Probes and API clients
 * keep health and the OpenAPI document on the public port.
 */
@QuarkusTest
class ManagementInterfaceTest {

    @TestHTTPResource(value = "metrics", management = true) // under the management root, /q
    URL managementMetrics;

    @Test
    void shouldNotServeMetricsOnThePublicPort() {
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/metrics/").then().statusCode(404);
    }

    @Test
    void shouldServeMetricsOnTheManagementPort() {
        given().get(managementMetrics).then().statusCode(200).body(containsString("jvm_"));
    }

    @Test
    void shouldKeepHealthAndOpenApiOnThePublicPort() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/"));
    }
}
