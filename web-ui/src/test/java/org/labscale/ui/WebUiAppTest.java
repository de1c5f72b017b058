package org.labscale.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The assembled app: health for the launcher, and Vaadin serving its pages from the pre-compiled bundle. */
@QuarkusTest
class WebUiAppTest {

    @Test
    void shouldBeReadyWithoutTheApi() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldServeTheLoginPage() {
        given().when().get("/login").then().statusCode(200)
                .body(containsString("VAADIN/build/"));
    }
}
