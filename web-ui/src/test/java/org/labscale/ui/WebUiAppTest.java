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
    void shouldForbidFramingAndSniffingAndGiveTheSessionCookieSameSite() {
        io.restassured.response.Response page = given().when().get("/login");
        page.then().statusCode(200)
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("same-origin"));
        String cookie = page.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + page.getHeaders()));
        org.junit.jupiter.api.Assertions.assertTrue(cookie.contains("SameSite=Lax"), cookie);
        org.junit.jupiter.api.Assertions.assertTrue(cookie.contains("HttpOnly"), cookie);
        // Plain HTTP: a Secure cookie would never come back.
        org.junit.jupiter.api.Assertions.assertFalse(cookie.toLowerCase().contains("secure"), cookie);
        given().when().get("/q/health/ready").then().header("X-Frame-Options", equalTo("DENY"));
    }

    @Test
    void shouldServeTheLoginPage() {
        given().when().get("/login").then().statusCode(200)
                .body(containsString("VAADIN/build/"));
    }

    @Test
    void shouldLetBrowsersKeepTheHashedBundleForAYear() {
        String page = given().when().get("/login").then().statusCode(200).extract().asString();
        java.util.regex.Matcher script = java.util.regex.Pattern.compile("VAADIN/build/[\\w.-]+\\.js").matcher(page);
        org.junit.jupiter.api.Assertions.assertTrue(script.find(), page);
        given().when().get("/" + script.group()).then().statusCode(200)
                .header("Cache-Control", equalTo("public, max-age=31536000, immutable"));
        given().when().get("/login").then().header("Cache-Control", org.hamcrest.Matchers.not(
                containsString("immutable")));
    }
}
