package org.labscale.api.testing;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Drives the API as real clients do, to set up the people and labs a test needs: the administrator created on
 * first start, accounts made by the administrator, labs and memberships made through invitations.
 */
public final class Api {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile String adminToken;

    private Api() {
    }

    /** A user signed in through the API. */
    public record User(UUID id, String email, String password, String token) {
        public RequestSpecification as() {
            return given().auth().oauth2(token).contentType(ContentType.JSON);
        }
    }

    /** The first administrator, signed in with the password generated on first start. */
    public static synchronized String adminToken() {
        if (adminToken == null) {
            try {
                String password = Files.readString(Path.of(System.getProperty("labscale.test.admin-password-file",
                        PlatformTestResource.adminPasswordFile().toString()))).trim();
                adminToken = login("admin@labscale.local", password);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return adminToken;
    }

    public static String login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("token");
    }

    /** A new account (made by the administrator) that has signed in. */
    public static User newUser(String name) {
        String email = name.toLowerCase() + "-" + COUNTER.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6)
                + "@example.org";
        String password = "pw-" + UUID.randomUUID();
        String id = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "displayName", name, "password", password))
                .post("/api/v1/admin/users").then().statusCode(201).extract().path("user.id");
        return new User(UUID.fromString(id), email, password, login(email, password));
    }

    /** A new lab owned by {@code owner}. */
    public static UUID newLab(User owner, String name) {
        String id = owner.as().body(Map.of("name", name + " " + COUNTER.incrementAndGet()))
                .post("/api/v1/labs").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** Invites {@code user} into the lab with {@code role}, and accepts as that user. */
    public static void join(User owner, UUID labId, User user, String role) {
        String token = owner.as().body(Map.of("email", user.email(), "role", role))
                .post("/api/v1/labs/{lab}/invitations", labId).then().statusCode(201).extract().path("token");
        user.as().body(Map.of("token", token)).post("/api/v1/invitations/accept").then().statusCode(200);
    }

    public static UUID newProject(User user, UUID labId, String name) {
        String id = user.as().body(Map.of("name", name, "tags", List.of("test")))
                .post("/api/v1/labs/{lab}/projects", labId).then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }
}
