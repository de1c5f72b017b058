package org.labscale.api.lab;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

/** A lab keeps an owner even when its owners leave at the same moment; an administrator repairs one without. */
@QuarkusTest
class LabOwnersTest {

    private static final int ROUNDS = 12;

    @Test
    void shouldKeepAnOwnerWhenTwoOwnersDemoteThemselvesAtOnce() throws Exception {
        raceTwoOwners(owner -> owner.as().body(Map.of("role", "MEMBER"))
                .put("/api/v1/labs/{lab}/members/{u}", owner.lab(), owner.user().id()).statusCode());
    }

    @Test
    void shouldKeepAnOwnerWhenTwoOwnersLeaveAtOnce() throws Exception {
        raceTwoOwners(owner -> owner.as().delete("/api/v1/labs/{lab}/members/{u}", owner.lab(), owner.user().id())
                .statusCode());
    }

    /** One owner of a lab, as the user who acts in a race. */
    record Owner(User user, UUID lab) {
        io.restassured.specification.RequestSpecification as() {
            return user.as();
        }
    }

    private static void raceTwoOwners(Function<Owner, Integer> leave) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                User alice = Api.newUser("Alice");
                User bob = Api.newUser("Bob");
                UUID lab = Api.newLab(alice, "Race Lab");
                Api.join(alice, lab, bob, "OWNER");
                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<Integer>> calls = new ArrayList<>();
                for (User owner : List.of(alice, bob)) {
                    calls.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return leave.apply(new Owner(owner, lab));
                    }, pool));
                }
                start.countDown();
                int aliceStatus = calls.get(0).get();
                int bobStatus = calls.get(1).get();
                List<Integer> statuses = new ArrayList<>(List.of(aliceStatus, bobStatus));
                statuses.sort(Integer::compare);
                assertTrue(statuses.get(0) < 300 && statuses.get(1) == 409,
                        "round " + round + ": both owners left at once (" + statuses + ")");
                User remaining = aliceStatus == 409 ? alice : bob;
                long owners = remaining.as().get("/api/v1/labs/{lab}/members", lab).then().statusCode(200).extract()
                        .jsonPath().getList("items.role").stream().filter("OWNER"::equals).count();
                assertEquals(1, owners, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldLetTheAdministratorNameAnOwnerOfALabWhoseOwnerIsGone() {
        User alice = Api.newUser("Alice");
        User bob = Api.newUser("Bob");
        UUID lab = Api.newLab(alice, "Orphan Lab");
        Api.join(alice, lab, bob, "VIEWER");
        given().auth().oauth2(Api.adminToken()).post("/api/v1/admin/users/{u}/disable", alice.id())
                .then().statusCode(200);
        bob.as().put("/api/v1/admin/labs/{lab}/owners/{u}", lab, bob.id()).then().statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        given().auth().oauth2(Api.adminToken()).put("/api/v1/admin/labs/{lab}/owners/{u}", lab, bob.id())
                .then().statusCode(200).body("role", equalTo("OWNER")).body("email", equalTo(bob.email()));
        bob.as().contentType(ContentType.JSON).body(Map.of("role", "VIEWER"))
                .put("/api/v1/labs/{lab}/members/{u}", lab, alice.id()).then().statusCode(200);
        // A stranger to the lab becomes an owner too; unknown labs and users are 404.
        User carol = Api.newUser("Carol");
        given().auth().oauth2(Api.adminToken()).put("/api/v1/admin/labs/{lab}/owners/{u}", lab, carol.id())
                .then().statusCode(200).body("role", equalTo("OWNER"));
        carol.as().get("/api/v1/labs/{lab}", lab).then().statusCode(200).body("role", equalTo("OWNER"));
        given().auth().oauth2(Api.adminToken())
                .put("/api/v1/admin/labs/{lab}/owners/{u}", UUID.randomUUID(), carol.id()).then().statusCode(404);
        given().auth().oauth2(Api.adminToken()).put("/api/v1/admin/labs/{lab}/owners/{u}", lab, UUID.randomUUID())
                .then().statusCode(404);
    }
}
