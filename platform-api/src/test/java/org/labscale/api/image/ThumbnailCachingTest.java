package org.labscale.api.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.DataBuffer;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.service.StorageKeys;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

/**
 * A thumbnail is cached by the browser only ({@code private}) for a year, carries an ETag that answers
 * If-None-Match with 304, and a stranger gets the 404 of a missing image whatever the ETag says.
 */
@QuarkusTest
class ThumbnailCachingTest {

    @Inject
    ObjectStore store;

    @Test
    void shouldServeAThumbnailWithAPrivateYearLongCacheAndAnETag() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Imaging Lab");
        UUID project = Api.newProject(alice, lab, "Gallery");
        UUID id = Uploads.accepted(alice, project, "cells.png",
                TestFiles.png(TestFiles.gray(40, 30, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT)));
        var first = given().auth().oauth2(alice.token()).get("/api/v1/images/{id}/thumbnail", id).then()
                .statusCode(200).contentType("image/png")
                .header("Cache-Control", equalTo("private, max-age=31536000, immutable")).extract();
        String etag = first.header("ETag");
        assertEquals("\"thumbnail-" + id + "\"", etag);
        assertArrayEquals(store.readSmall(StorageKeys.thumbnail(lab, id)), first.asByteArray(),
                "the thumbnail made at upload, as stored");

        given().auth().oauth2(alice.token()).header("If-None-Match", etag).get("/api/v1/images/{id}/thumbnail", id)
                .then().statusCode(304).header("ETag", equalTo(etag))
                .header("Cache-Control", equalTo("private, max-age=31536000, immutable"))
                .body(emptyOrNullString());
        given().auth().oauth2(alice.token()).header("If-None-Match", "\"thumbnail-" + UUID.randomUUID() + "\"")
                .get("/api/v1/images/{id}/thumbnail", id).then().statusCode(200);
    }

    @Test
    void shouldAnswerAStrangersConditionalRequestLikeAMissingImage() {
        User alice = Api.newUser("Alice");
        User eve = Api.newUser("Eve");
        UUID project = Api.newProject(alice, Api.newLab(alice, "Imaging Lab"), "Private");
        Api.newLab(eve, "Eve's lab");
        UUID id = Uploads.accepted(alice, project, "cells.png",
                TestFiles.png(TestFiles.gray(12, 12, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT)));
        String etag = "\"thumbnail-" + id + "\"";
        String missing = eve.as().get("/api/v1/images/{id}/thumbnail", UUID.randomUUID()).then().statusCode(404)
                .extract().body().asString();
        for (String ifNoneMatch : new String[] {null, etag, "*"}) {
            var request = eve.as();
            if (ifNoneMatch != null) {
                request = request.header("If-None-Match", ifNoneMatch);
            }
            String body = request.get("/api/v1/images/{id}/thumbnail", id).then().statusCode(404)
                    .header("ETag", nullValue()).header("Cache-Control", nullValue()).extract().body().asString();
            assertEquals(missing.replaceAll("[0-9a-f-]{36}", "ID"), body.replaceAll("[0-9a-f-]{36}", "ID"));
        }
    }

    @Test
    void shouldServeAPagesThumbnailsInOneAnswerInTheOrderAsked() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Imaging Lab");
        UUID project = Api.newProject(alice, lab, "Gallery");
        UUID elsewhere = Api.newProject(alice, lab, "Elsewhere");
        UUID a = Uploads.accepted(alice, project, "a.png",
                TestFiles.png(TestFiles.gray(40, 30, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT)));
        UUID b = Uploads.accepted(alice, project, "b.png",
                TestFiles.png(TestFiles.gray(20, 30, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT)));
        UUID other = Uploads.accepted(alice, elsewhere, "c.png",
                TestFiles.png(TestFiles.gray(10, 10, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT)));
        var answer = alice.as().get("/api/v1/projects/{p}/thumbnails?id={b}&id={other}&id={a}&id={none}", project, b,
                other, a, UUID.randomUUID()).then().statusCode(200)
                .header("Cache-Control", equalTo("private, no-store")).extract();
        assertEquals(java.util.List.of(b.toString(), a.toString()), answer.path("items.imageId"));
        byte[] single = alice.as().get("/api/v1/images/{id}/thumbnail", b).then().statusCode(200).extract()
                .asByteArray();
        assertArrayEquals(single, java.util.Base64.getDecoder().decode((String) answer.path("items[0].png")));
    }

    @Test
    void shouldAnswerAStrangersBatchLikeAMissingProjectAndRefuseBadLists() {
        User alice = Api.newUser("Alice");
        User eve = Api.newUser("Eve");
        UUID project = Api.newProject(alice, Api.newLab(alice, "Imaging Lab"), "Private");
        Api.newLab(eve, "Eve's lab");
        UUID id = Uploads.accepted(alice, project, "cells.png",
                TestFiles.png(TestFiles.gray(12, 12, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT)));
        String missing = eve.as().get("/api/v1/projects/{p}/thumbnails?id={id}", UUID.randomUUID(), id).then()
                .statusCode(404).extract().path("code");
        eve.as().get("/api/v1/projects/{p}/thumbnails?id={id}", project, id).then().statusCode(404)
                .body("code", equalTo(missing)).body("message", org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("cells")));

        eve.as().get("/api/v1/projects/{p}/thumbnails", project).then().statusCode(404).body("code", equalTo(missing));
        alice.as().get("/api/v1/projects/{p}/thumbnails", project).then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
        alice.as().get("/api/v1/projects/{p}/thumbnails?id=not-an-id", project).then().statusCode(400)
                .body("code", equalTo("validation.invalid-field"));
        StringBuilder many = new StringBuilder("/api/v1/projects/" + project + "/thumbnails?id=" + id);
        for (int i = 0; i < 48; i++) {
            many.append("&id=").append(UUID.randomUUID());
        }
        alice.as().get(many.toString()).then().statusCode(400).body("code", equalTo("validation.invalid-field"));
    }
}
