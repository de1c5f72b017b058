package org.labscale.api.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labscale.api.account.service.LoginThrottle;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.MutableClock;

/**
 * Failed sign-ins make further attempts wait, per e-mail and per client address, longer after every failure. Every
 * test here starts and ends with no counts, so that the failures of the one test client address stay its own.
 */
@QuarkusTest
class LoginThrottleTest {

    @Inject
    LoginThrottle throttle;

    @BeforeEach
    @AfterEach
    void forgetEveryFailure() {
        throttle.forgetAll();
    }

    private static MutableClock clock() {
        MutableClock clock = new MutableClock(Instant.now());
        QuarkusMock.installMockForType(clock, Clock.class);
        return clock;
    }

    private static ValidatableResponse login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login").then();
    }

    @Test
    void shouldMakeGuessesAgainstOneAccountWaitLongerAfterEachFailure() {
        User alice = Api.newUser("Alice");
        MutableClock clock = clock();
        for (int i = 0; i < 6; i++) {
            login(alice.email(), "wrong-guess-" + i).statusCode(401).body("code", equalTo("auth.invalid-credentials"));
        }
        // Even the right password waits: the answer must not confirm a guess.
        login(alice.email(), alice.password()).statusCode(429).header("Retry-After", "1")
                .body("code", equalTo("auth.too-many-attempts"));
        clock.advance(Duration.ofSeconds(1));
        login(alice.email(), "wrong-guess-6").statusCode(401);
        login(alice.email(), alice.password()).statusCode(429).header("Retry-After", "2");
        clock.advance(Duration.ofSeconds(2));
        login(alice.email(), "wrong-guess-7").statusCode(401);
        login(alice.email(), alice.password()).statusCode(429).header("Retry-After", "4");
        clock.advance(Duration.ofSeconds(4));
        login(alice.email(), alice.password()).statusCode(200);
        // A success forgets the account's failures.
        login(alice.email(), "wrong-guess-8").statusCode(401);
        login(alice.email(), alice.password()).statusCode(200);
    }

    @Test
    void shouldThrottleAnUnknownEmailExactlyLikeAKnownOne() {
        User bob = Api.newUser("Bob");
        String nobody = "nobody-" + UUID.randomUUID() + "@example.org";
        clock();
        for (int i = 0; i < 6; i++) {
            login(bob.email(), "wrong-guess-" + i).statusCode(401).body("code", equalTo("auth.invalid-credentials"));
            login(nobody, "wrong-guess-" + i).statusCode(401).body("code", equalTo("auth.invalid-credentials"));
        }
        login(bob.email(), "wrong-guess-x").statusCode(429).header("Retry-After", "1")
                .body("code", equalTo("auth.too-many-attempts"));
        login(nobody, "wrong-guess-x").statusCode(429).header("Retry-After", "1")
                .body("code", equalTo("auth.too-many-attempts"));
    }

    @Test
    void shouldThrottleOneClientAddressGuessingAcrossAccounts() {
        User carol = Api.newUser("Carol");
        clock();
        for (int i = 0; i < 21; i++) {
            login("spray-" + i + "-" + UUID.randomUUID() + "@example.org", "Summer2026!").statusCode(401);
        }
        login("spray-last-" + UUID.randomUUID() + "@example.org", "Summer2026!").statusCode(429)
                .header("Retry-After", "1");
        login(carol.email(), carol.password()).statusCode(429);
    }

    /**
     * The web UI signs everyone in from its own address and forwards each browser's: one browser's guesses must not
     * make the others wait. Forwarded addresses count only from a trusted proxy (loopback here).
     */
    @Test
    void shouldCountTheAddressATrustedProxyForwards() {
        User dave = Api.newUser("Dave");
        clock();
        for (int i = 0; i < 21; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", "203.0.113.7")
                    .body(Map.of("email", "spray-" + i + "-" + UUID.randomUUID() + "@example.org",
                            "password", "Summer2026!"))
                    .post("/api/v1/auth/login").then().statusCode(401);
        }
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "203.0.113.7")
                .body(Map.of("email", dave.email(), "password", dave.password()))
                .post("/api/v1/auth/login").then().statusCode(429);
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "198.51.100.9")
                .body(Map.of("email", dave.email(), "password", dave.password()))
                .post("/api/v1/auth/login").then().statusCode(200);
    }
}
