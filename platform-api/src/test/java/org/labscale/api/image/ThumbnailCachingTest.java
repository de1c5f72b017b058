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
}
