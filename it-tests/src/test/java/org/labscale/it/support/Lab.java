package org.labscale.it.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * People and labs on a running platform, made the way a lab would: the administrator creates accounts, owners
 * create labs and invite members.
 */
public final class Lab {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Lab() {
    }

    /** A signed-in person. */
    public record Person(UUID id, String email, String password, String token, String baseUrl) {

        /** A request as this person, JSON by default. */
        public RequestSpecification as() {
            return given().spec(new RequestSpecBuilder().setBaseUri(baseUrl).build()).auth().oauth2(token)
                    .contentType(ContentType.JSON);
        }

        /** A request as this person without a preset content type (multipart uploads). */
        public RequestSpecification raw() {
            return given().spec(new RequestSpecBuilder().setBaseUri(baseUrl).build()).auth().oauth2(token);
        }
    }

    public static String signIn(String baseUrl, String email, String password) {
        return given().baseUri(baseUrl).contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("token");
    }

    public static Person admin(LocalPlatform platform) {
        String token = signIn(platform.apiUrl(), platform.adminEmail(), platform.adminPassword());
        return new Person(null, platform.adminEmail(), platform.adminPassword(), token, platform.apiUrl());
    }

    /** A new account made by the administrator, signed in. */
    public static Person person(LocalPlatform platform, String name) {
        Person admin = admin(platform);
        String email = name.toLowerCase().replace(' ', '.') + "." + COUNTER.incrementAndGet() + "."
                + UUID.randomUUID().toString().substring(0, 8) + "@lab.example";
        String password = "secret-" + UUID.randomUUID();
        String id = admin.as().body(Map.of("email", email, "displayName", name, "password", password))
                .post("/api/v1/admin/users").then().statusCode(201).extract().path("user.id");
        return new Person(UUID.fromString(id), email, password, signIn(platform.apiUrl(), email, password),
                platform.apiUrl());
    }

    public static UUID createLab(Person owner, String name) {
        return UUID.fromString(owner.as().body(Map.of("name", name + " " + COUNTER.incrementAndGet()))
                .post("/api/v1/labs").then().statusCode(201).extract().path("id"));
    }

    public static void invite(Person owner, UUID labId, Person who, String role) {
        String token = owner.as().body(Map.of("email", who.email(), "role", role))
                .post("/api/v1/labs/{lab}/invitations", labId).then().statusCode(201).extract().path("token");
        who.as().body(Map.of("token", token)).post("/api/v1/invitations/accept").then().statusCode(200);
    }

    public static UUID createProject(Person member, UUID labId, String name) {
        return UUID.fromString(member.as().body(Map.of("name", name, "tags", List.of("it")))
                .post("/api/v1/labs/{lab}/projects", labId).then().statusCode(201).extract().path("id"));
    }

    /** Uploads an image (multipart, with extra form fields such as {@code pageMode}); answers its id. */
    public static String uploadImage(Person member, UUID projectId, String name, byte[] bytes, String type,
                                     Map<String, String> fields) {
        RequestSpecification request = member.raw().multiPart("file", name, bytes, type);
        fields.forEach(request::multiPart);
        return request.post("/api/v1/projects/{p}/images", projectId).then().statusCode(201).extract().path("id");
    }

    /** Uploads a 16-bit PNG instance mask with {@code cells} cells as annotation "nuclei"; answers its id. */
    public static String annotateInstances(Person member, String imageId, byte[] maskPng, int cells) {
        return annotate(member, imageId, maskPng, "INSTANCE_MASK")
                .body("latest.cellCount", org.hamcrest.Matchers.equalTo(cells)).extract().path("id");
    }

    /** Uploads a PNG mask of {@code kind} (INSTANCE_MASK, BINARY_MASK, CLASS_MAP) as annotation "nuclei" (201). */
    public static io.restassured.response.ValidatableResponse annotate(Person member, String imageId, byte[] maskPng,
                                                                      String kind) {
        return member.raw().multiPart("file", "mask.png", maskPng, "image/png").multiPart("kind", kind)
                .multiPart("name", "nuclei").post("/api/v1/images/{i}/annotations", imageId).then().statusCode(201);
    }

    /** Freezes version 1 of a new training set of (image, annotation) pairs whose channel 0 is nuclear. */
    public static String trainingSet(Person member, UUID labId, String name, List<Map.Entry<String, String>> items) {
        return trainingSet(member, labId, name, items, Map.of("0", "nuclear"));
    }

    /** Freezes version 1 of a new training set of (image id, annotation id) pairs, each with {@code channelRoles}. */
    public static String trainingSet(Person member, UUID labId, String name, List<Map.Entry<String, String>> items,
                                     Map<String, String> channelRoles) {
        String set = member.as().body(Map.of("name", name)).post("/api/v1/labs/{lab}/training-sets", labId).then()
                .statusCode(201).extract().path("id");
        member.as().body(Map.of("items", items.stream().map(e -> Map.of("imageId", e.getKey(), "annotationId",
                        e.getValue(), "channelRoles", channelRoles)).toList()))
                .post("/api/v1/training-sets/{t}/versions", set).then().statusCode(201);
        return set;
    }
}
