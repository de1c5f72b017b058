package org.labscale.api.image;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import org.labscale.api.testing.Api.User;

/** Multipart uploads as a browser or the CLI sends them. */
public final class Uploads {

    private Uploads() {
    }

    /** Uploads {@code bytes} as field 'file' with the other form fields. */
    public static ValidatableResponse image(User user, UUID projectId, String fileName, byte[] bytes,
                                            Map<String, String> fields) {
        RequestSpecification request = given().auth().oauth2(user.token())
                .multiPart("file", fileName, bytes, "application/octet-stream");
        fields.forEach(request::multiPart);
        return request.post("/api/v1/projects/{id}/images", projectId).then();
    }

    /** Uploads an image that must be accepted; answers its id. */
    public static UUID accepted(User user, UUID projectId, String fileName, byte[] bytes) {
        return UUID.fromString(image(user, projectId, fileName, bytes, Map.of()).statusCode(201).extract().path("id"));
    }

    public static ValidatableResponse annotation(User user, UUID imageId, byte[] bytes, Map<String, String> fields) {
        RequestSpecification request = given().auth().oauth2(user.token())
                .multiPart("file", "mask.png", bytes, "image/png");
        fields.forEach(request::multiPart);
        return request.post("/api/v1/images/{id}/annotations", imageId).then();
    }
}
