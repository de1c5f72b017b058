package org.labscale.it.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.Jobs;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.support.SyntheticNuclei;
import org.labscale.it.support.TestImages;

/**
 * Walks every endpoint of the OpenAPI document and proves tenancy: a member of another lab can neither read,
 * change nor even detect the private resources of a lab (the answer is exactly the one for a missing id), and a
 * viewer cannot write. A new endpoint whose path parameter this walk does not know fails the test, so the walk
 * grows with the API.
 */
class TenantIsolationIT {

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    /** Endpoints that act on the caller's own account rather than on lab data. */
    private static final List<String> PERSONAL = List.of("/api/v1/me", "/api/v1/auth/", "/api/v1/invitations/accept",
            "/api/v1/admin/");

    private static LocalPlatform platform;
    private static Person owner;
    private static Person viewer;
    private static Person stranger;
    private static final Map<String, String> labA = new HashMap<>();
    private static final Map<String, String> fingerprint = new LinkedHashMap<>();
    private static String labName;

    record Endpoint(String method, String template, boolean multipart) {
    }

    @BeforeAll
    static void populateTwoLabs() {
        platform = LocalPlatform.get();
        owner = Lab.person(platform, "Owner");
        viewer = Lab.person(platform, "Viewer");
        stranger = Lab.person(platform, "Stranger");
        UUID lab = Lab.createLab(owner, "Private Lab");
        labName = owner.as().get("/api/v1/labs/{id}", lab).then().extract().path("name");
        Lab.invite(owner, lab, viewer, "VIEWER");
        UUID project = Lab.createProject(owner, lab, "Secret project");
        String image = owner.raw().multiPart("file", "cells.png", TestImages.discsPng(96, 64, 3, 8), "image/png")
                .post("/api/v1/projects/{p}/images", project).then().statusCode(201).extract().path("id");
        String annotation = owner.raw()
                .multiPart("file", "mask.png", TestImages.discsMaskPng(96, 64, 3, 8), "image/png")
                .multiPart("kind", "BINARY_MASK").multiPart("name", "nuclei")
                .post("/api/v1/images/{i}/annotations", image).then().statusCode(201).extract().path("id");
        String trainingSet = owner.as().body(Map.of("name", "Secret set"))
                .post("/api/v1/labs/{lab}/training-sets", lab).then().statusCode(201).extract().path("id");
        owner.as().body(Map.of("items", List.of(Map.of("imageId", image, "annotationId", annotation))))
                .post("/api/v1/training-sets/{t}/versions", trainingSet).then().statusCode(201);
        String upload = owner.as().body(Map.of("fileName", "later.png", "sizeBytes", 1000))
                .post("/api/v1/projects/{p}/uploads", project).then().statusCode(201).extract().path("uploadId");
        String invitation = owner.as().body(Map.of("email", "someone@lab.example", "role", "MEMBER"))
                .post("/api/v1/labs/{lab}/invitations", lab).then().statusCode(201).extract().path("id");
        String token = owner.as().body(Map.of("name", "pipeline", "scope", "READ"))
                .post("/api/v1/me/tokens").then().statusCode(201).extract().path("id");
        // A job no worker can take (it asks for 1 TiB of GPU memory), so that it stays still during the walk.
        String job = owner.as().header("Idempotency-Key", "walk").body(Map.of("kind", "SELF_TEST",
                        "payload", Map.of("steps", 1), "minGpuMemoryMb", 1_048_576))
                .post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(201).extract().path("id");
        String worker = owner.as().body(Map.of("name", "lab box"))
                .post("/api/v1/labs/{lab}/workers", lab).then().statusCode(201).extract().path("id");

        String model = tinyModel(lab);

        labA.put("labId", lab.toString());
        labA.put("modelId", model);
        // The zoo names a version by its id alone: the private lab's version 1.
        labA.put("versionId", owner.as().get("/api/v1/labs/{lab}/models/{m}/versions/1", lab, model).then()
                .statusCode(200).extract().path("id"));
        // Output names of a job (the still job has none; a stranger must get the same answer as for a missing job).
        labA.put("name", "result");
        // A tracking job's per-frame mask (the still job has none: the same answer as for a missing job).
        labA.put("mask", "mask000");
        labA.put("projectId", project.toString());
        labA.put("imageId", image);
        labA.put("annotationId", annotation);
        labA.put("trainingSetId", trainingSet);
        labA.put("uploadId", upload);
        labA.put("invitationId", invitation);
        labA.put("tokenId", token);
        labA.put("jobId", job);
        labA.put("workerId", worker);
        labA.put("userId", owner.id().toString());

        UUID strangersLab = Lab.createLab(stranger, "Other Lab");
        Lab.createProject(stranger, strangersLab, "Own project");
        // Sharing: the lab a grant would name (one that does not exist: a stranger's own lab id is no secret of A's).
        labA.put("granteeLabId", UUID.randomUUID().toString());

        fingerprint.putAll(snapshot());
    }

    /** A one-member model of the private lab, trained by the platform's job worker on two synthetic images. */
    private static String tinyModel(UUID lab) {
        platform.ensureJobWorker();
        UUID project = Lab.createProject(owner, lab, "Model project");
        List<Map.Entry<String, String>> items = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            SyntheticNuclei discs = SyntheticNuclei.generate(64, 64, 6, 900 + i);
            String id = Lab.uploadImage(owner, project, "m" + i + ".png", discs.png(), "image/png", Map.of());
            items.add(Map.entry(id, Lab.annotateInstances(owner, id, discs.maskPng(), discs.cells())));
        }
        String set = Lab.trainingSet(owner, lab, "Secret model set", items);
        String job = Jobs.submit(owner, lab, "TRAINING", Map.of("trainingSets", List.of(Map.of("trainingSetId", set,
                        "version", 1)), "modelName", "Secret model", "preset", "bacteria-net-fast", "patchesPerEpoch",
                200, "epochs", 1, "ensembleSize", 1, "validationFraction", 0.5), "walk-model");
        try {
            Jobs.Ended ended = Jobs.await(owner, job, java.time.Duration.ofMinutes(4));
            assertEquals("SUCCEEDED", ended.state(), ended.job().prettify());
            return ended.job().getString("result.modelId");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void strangersCanNeitherReadNorChangeNorDetectAnotherLabsData() {
        List<String> problems = new ArrayList<>();
        int walked = 0;
        for (Endpoint e : endpoints()) {
            List<String> params = params(e.template());
            if (params.isEmpty()) {
                if (e.method().equals("GET") && !e.template().startsWith("/api/v1/admin/")) {
                    String body = call(stranger, e, Map.of()).asString();
                    for (String id : labA.values()) {
                        if (!id.equals(owner.id().toString()) && body.contains(id)) {
                            problems.add(e + " shows id " + id + " of the private lab");
                        }
                    }
                    if (body.contains(labName)) {
                        problems.add(e + " shows the private lab's name");
                    }
                    walked++;
                }
                continue;
            }
            if (isPersonal(e) && !e.template().contains("{tokenId}")) {
                continue;
            }
            Response real = call(stranger, e, labA);
            Response missing = call(stranger, e, randomIds(params));
            walked++;
            if (real.statusCode() < 400) {
                problems.add(e + " answered " + real.statusCode() + " to a stranger");
            }
            if (real.statusCode() != missing.statusCode()
                    || !String.valueOf(code(real)).equals(String.valueOf(code(missing)))) {
                problems.add(e + " tells a real id from a missing one: " + real.statusCode() + " " + code(real)
                        + " versus " + missing.statusCode() + " " + code(missing));
            }
        }
        assertTrue(walked >= 25, "walked only " + walked + " endpoints; is the OpenAPI document complete?");
        assertEquals(List.of(), problems);
        assertEquals(fingerprint, snapshot(), "a stranger's calls changed the private lab");
    }

    @Test
    void viewersCannotWrite() {
        List<String> problems = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if (e.method().equals("GET") || isPersonal(e) || params(e.template()).isEmpty()) {
                continue;
            }
            Response r = call(viewer, e, labA);
            if (r.statusCode() != 403) {
                problems.add(e + " answered " + r.statusCode() + " " + code(r) + " to a viewer");
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(fingerprint, snapshot(), "a viewer's calls changed the lab");
    }

    @Test
    void revokedAndExpiredLookingTokensAreRefused() {
        String token = owner.as().body(Map.of("name", "short", "scope", "READ_WRITE", "expiresInDays", 1))
                .post("/api/v1/me/tokens").then().statusCode(201).extract().path("token");
        String id = owner.as().get("/api/v1/me/tokens").then().extract().path("items.find { it.name == 'short' }.id");
        RestAssured.given().baseUri(platform.apiUrl()).auth().oauth2(token).get("/api/v1/me").then().statusCode(200);
        owner.as().delete("/api/v1/me/tokens/{id}", id).then().statusCode(204);
        RestAssured.given().baseUri(platform.apiUrl()).auth().oauth2(token).get("/api/v1/me").then().statusCode(401);
        RestAssured.given().baseUri(platform.apiUrl()).auth().oauth2("lsk_" + "x".repeat(43)).get("/api/v1/labs")
                .then().statusCode(401);
    }

    /** Every operation of the OpenAPI document, reads first and deletes last. */
    private static List<Endpoint> endpoints() {
        Map<String, Map<String, Map<String, Object>>> paths = RestAssured.given().baseUri(platform.apiUrl())
                .get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath().getMap("paths");
        List<Endpoint> out = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, op) -> {
            if (List.of("get", "post", "put", "patch", "delete").contains(method)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = (Map<String, Object>) op.get("requestBody");
                boolean multipart = body != null && String.valueOf(body.get("content")).contains("multipart/form-data");
                out.add(new Endpoint(method.toUpperCase(), path, multipart));
            }
        }));
        List<String> order = List.of("GET", "PUT", "PATCH", "POST", "DELETE");
        out.sort(Comparator.comparing((Endpoint e) -> order.indexOf(e.method())).thenComparing(Endpoint::template));
        assertFalse(out.isEmpty(), "the OpenAPI document lists no endpoint");
        return out;
    }

    private static boolean isPersonal(Endpoint e) {
        return PERSONAL.stream().anyMatch(e.template()::startsWith);
    }

    private static List<String> params(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Map<String, String> randomIds(List<String> params) {
        Map<String, String> ids = new HashMap<>();
        params.forEach(p -> ids.put(p, numeric(p) != null ? numeric(p) : UUID.randomUUID().toString()));
        return ids;
    }

    private static Response call(Person who, Endpoint e, Map<String, String> ids) {
        Matcher m = PARAM.matcher(e.template());
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = ids.containsKey(name) ? ids.get(name) : numeric(name);
            if (value == null) {
                fail("The isolation walk does not know the path parameter {" + name + "} of " + e
                        + "; teach it which resource of the private lab to use.");
            }
            m.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        m.appendTail(path);
        RequestSpecification request = e.multipart()
                ? who.raw().multiPart("file", "x.png", TestImages.discsPng(96, 64, 1, 5), "image/png")
                .multiPart("kind", "BINARY_MASK")
                : who.as().body("{}");
        return request.request(e.method(), path.toString());
    }

    /**
     * Version numbers and other integer path parameters: the first version exists in the private lab, and so does the
     * viewer's tile 0/0/0 of every image.
     */
    private static String numeric(String name) {
        if (name.equals("index") || name.equals("level") || name.equals("x") || name.equals("y")) {
            return "0";
        }
        return name.equals("n") || name.equals("version") || name.equals("number") ? "1" : null;
    }

    private static Object code(Response r) {
        try {
            return r.jsonPath().get("code");
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** What the owner sees of every resource of the private lab: their ETags and sizes. */
    private static Map<String, String> snapshot() {
        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("lab", owner.as().get("/api/v1/labs/{id}", labA.get("labId")).then().statusCode(200).extract().header("ETag"));
        seen.put("members", owner.as().get("/api/v1/labs/{id}/members", labA.get("labId")).then().statusCode(200)
                .extract().path("items.collect { it.userId + it.role }").toString());
        seen.put("project", owner.as().get("/api/v1/projects/{id}", labA.get("projectId")).then().statusCode(200).extract().header("ETag"));
        seen.put("image", owner.as().get("/api/v1/images/{id}", labA.get("imageId")).then().statusCode(200).extract().header("ETag"));
        seen.put("annotations", owner.as().get("/api/v1/images/{id}/annotations", labA.get("imageId")).then().statusCode(200)
                .extract().asString().replaceAll("\"updatedAt\":\"[^\"]*\"", ""));
        seen.put("trainingSet", owner.as().get("/api/v1/training-sets/{id}", labA.get("trainingSetId")).then().statusCode(200).extract().header("ETag"));
        seen.put("invitations", owner.as().get("/api/v1/labs/{id}/invitations", labA.get("labId")).then().statusCode(200)
                .extract().path("items.collect { it.id + it.revokedAt }").toString());
        seen.put("job", owner.as().get("/api/v1/jobs/{id}", labA.get("jobId")).then().statusCode(200).extract().header("ETag"));
        seen.put("workers", owner.as().get("/api/v1/labs/{id}/workers", labA.get("labId")).then().statusCode(200)
                .extract().path("items.collect { it.id + it.revokedAt }").toString());
        seen.put("tokens", owner.as().get("/api/v1/me/tokens").then().statusCode(200)
                .extract().path("items.collect { it.id + it.revokedAt }").toString());
        return seen;
    }
}
