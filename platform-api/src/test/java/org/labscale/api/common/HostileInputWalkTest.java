package org.labscale.api.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.TestFiles;
import org.labscale.api.image.Uploads;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.Workers;

/**
 * Walks every operation of the OpenAPI document with hostile values, as the owner of a real lab (so that requests
 * reach the services, not only a 404): a control character in every path and query parameter and, one at a time, in
 * every string field of the request body (nested ones and map keys included), the largest and an overflowing number
 * in every number field, the largest page, a field no endpoint reads, and multipart parts with control characters.
 * No answer may be a 5xx. A new endpoint is walked without changes here.
 */
@QuarkusTest
class HostileInputWalkTest {

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final String NUL = "bad\u0000value";
    private static final String BOOTSTRAP_WORKER_TOKEN = "lsw_bootstrap-test-token-0123456789";

    private Map<String, Object> document;
    private final List<String> problems = new ArrayList<>();
    private int calls;

    record Endpoint(String method, String template, Map<String, Object> operation) {
    }

    @Test
    void shouldAnswerNoHostileValueWithAServerError() {
        User owner = Api.newUser("Owner");
        UUID lab = Api.newLab(owner, "Hostile Lab");
        UUID project = Api.newProject(owner, lab, "Hostile project");
        UUID image = Uploads.accepted(owner, project, "cells.png",
                TestFiles.png(TestFiles.gray(32, 24, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT)));
        Map<String, String> ids = new HashMap<>();
        ids.put("labId", lab.toString());
        ids.put("projectId", project.toString());
        ids.put("imageId", image.toString());
        ids.put("userId", owner.id().toString());
        ids.put("workerId", Workers.forLab(owner, lab, "walk worker").id().toString());

        document = map(given().get("/q/openapi?format=json").then().statusCode(200).extract().as(Map.class));
        List<Endpoint> endpoints = endpoints();
        for (Endpoint e : endpoints) {
            String token = e.template().startsWith("/api/v1/worker/") ? BOOTSTRAP_WORKER_TOKEN
                    : e.template().startsWith("/api/v1/admin/") ? Api.adminToken() : owner.token();
            if (e.template().equals("/api/v1/auth/logout")) {
                continue; // it would revoke the walk's own token, and reads no input
            }
            walk(e, token, ids);
        }
        assertTrue(endpoints.size() >= 40,
                "only " + endpoints.size() + " operations; is the OpenAPI document complete?");
        assertTrue(calls >= 300, "only " + calls + " hostile calls");
        assertEquals(List.of(), problems);
    }

    private void walk(Endpoint e, String token, Map<String, String> ids) {
        String path = path(e.template(), ids);
        List<Map<String, Object>> parameters = list(e.operation().get("parameters"));
        for (Map<String, Object> p : parameters) {
            String name = (String) p.get("name");
            if ("path".equals(p.get("in"))) {
                Map<String, String> hostile = new HashMap<>(ids);
                hostile.put(name, "%00" + ids.getOrDefault(name, "1"));
                send(e, token, rawPath(e.template(), hostile, ids), Map.of(), null, "path " + name);
            } else if ("query".equals(p.get("in"))) {
                send(e, token, path, Map.of(name, NUL), null, "query " + name);
                send(e, token, path, Map.of(name, "99999999999999999999"), null, "query " + name + " overflow");
            } else if ("header".equals(p.get("in"))) {
                send(e, token, path, Map.of(), null, "header " + name, Map.of(name, "bad\u0001value"));
            }
        }
        if (parameters.stream().anyMatch(p -> "page".equals(p.get("name")))) {
            send(e, token, path, Map.of("page", Integer.MAX_VALUE, "size", 200), null, "largest page");
        }
        Map<String, Object> content = map(map(e.operation().get("requestBody")).get("content"));
        if (content.containsKey("multipart/form-data")) {
            multipart(e, token, path);
        } else if (!content.isEmpty()) {
            Map<String, Object> schema = map(map(content.values().iterator().next()).get("schema"));
            boolean longPoll = e.template().startsWith("/api/v1/worker/");
            for (Map.Entry<String, Object> body : hostileBodies(schema, !longPoll).entrySet()) {
                send(e, token, path, Map.of(), body.getValue(), "body " + body.getKey());
            }
            send(e, token, path, Map.of(), Map.of("noSuchField", 1), "unknown field");
            send(e, token, path, Map.of(), "\"" + NUL + "\"", "string body");
        }
    }

    /**
     * One body per leaf of the schema: the leaf holds the hostile value, its parents only what leads to it. The
     * largest int is left out where {@code largest} is false: a worker's lease with the largest wait is valid and
     * would hold the walk for the whole long poll.
     */
    private Map<String, Object> hostileBodies(Map<String, Object> schema, boolean largest) {
        Map<String, Object> bodies = new LinkedHashMap<>();
        leaves(schema, "", 0, (where, value) -> {
            if (largest || !where.endsWith("=max")) {
                bodies.put(where, value);
            }
        });
        return bodies;
    }

    private interface Leaf {
        void accept(String where, Object value);
    }

    private void leaves(Map<String, Object> schema, String where, int depth, Leaf out) {
        schema = resolve(schema);
        if (depth > 6 || schema.isEmpty()) {
            return;
        }
        String type = String.valueOf(schema.get("type"));
        if (schema.containsKey("properties")) {
            map(schema.get("properties")).forEach((name, sub) -> leaves(map(sub), where.isEmpty() ? name
                    : where + "." + name, depth + 1, (w, v) -> out.accept(w, Map.of(name, v))));
            return;
        }
        switch (type) {
            case "string" -> out.accept(where, NUL);
            case "integer" -> {
                out.accept(where + "=max", Integer.MAX_VALUE);
                out.accept(where + "=overflow", new java.math.BigInteger("99999999999999999999999"));
                out.accept(where + "=negative", Integer.MIN_VALUE);
            }
            case "number" -> out.accept(where + "=huge", 1e308);
            case "array" -> leaves(map(schema.get("items")), where + "[0]", depth + 1,
                    (w, v) -> out.accept(w, List.of(v)));
            case "object" -> {
                out.accept(where + ".<key>", Map.of(NUL, "x"));
                Object additional = schema.get("additionalProperties");
                if (additional instanceof Map<?, ?> values) {
                    leaves(map(values), where + ".k", depth + 1, (w, v) -> out.accept(w, Map.of("k", v)));
                }
            }
            default -> out.accept(where + "=string", NUL);
        }
    }

    private void multipart(Endpoint e, String token, String path) {
        byte[] png = TestFiles.png(TestFiles.gray(8, 8, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT));
        calls++;
        check(e, "multipart file name", given().auth().oauth2(token)
                .multiPart("file", "x\u0001.png", png, "image/png").request(e.method(), path));
        for (String field : List.of("name", "kind", "channelNames", "pageMode", "pixelSizeUm", "labels", "notes")) {
            calls++;
            check(e, "multipart field " + field, given().auth().oauth2(token)
                    .multiPart("file", "x.png", png, "image/png").multiPart(field, NUL).request(e.method(), path));
        }
    }

    private void send(Endpoint e, String token, String path, Map<String, ?> query, Object body, String what) {
        send(e, token, path, query, body, what, Map.of());
    }

    private void send(Endpoint e, String token, String path, Map<String, ?> query, Object body, String what,
                      Map<String, String> headers) {
        RequestSpecification request = given().urlEncodingEnabled(!path.contains("%")).auth().oauth2(token)
                .contentType(ContentType.JSON).queryParams(query).headers(headers);
        if (body != null) {
            request.body(body);
        }
        calls++;
        Response response;
        try {
            response = request.request(e.method(), path);
        } catch (IllegalArgumentException refusedByTheClient) {
            return; // the HTTP client would not send it, so no server sees it either
        }
        check(e, what, response);
    }

    private void check(Endpoint e, String what, Response response) {
        if (response.statusCode() >= 500) {
            problems.add(e.method() + " " + e.template() + " with " + what + ": " + response.statusCode() + " "
                    + response.asString());
        }
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>();
        map(document.get("paths")).forEach((path, operations) -> map(operations).forEach((method, op) -> {
            if (List.of("get", "post", "put", "patch", "delete").contains(method)) {
                out.add(new Endpoint(method.toUpperCase(), path, map(op)));
            }
        }));
        // Deletes last: they must not take the walk's lab away before the other calls ran.
        out.sort((a, b) -> Boolean.compare(a.method().equals("DELETE"), b.method().equals("DELETE")));
        return out;
    }

    private static String path(String template, Map<String, String> ids) {
        return rawPath(template, ids, ids);
    }

    /** The path with every parameter filled: from {@code values}, else a number for versions and indexes. */
    private static String rawPath(String template, Map<String, String> values, Map<String, String> ids) {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = values.containsKey(name) ? values.get(name)
                    : name.equals("n") || name.equals("version") || name.equals("number") || name.equals("index") ? "1"
                    : name.equals("name") ? "result" : UUID.randomUUID().toString();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Map<String, Object> resolve(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        if (ref == null) {
            List<Map<String, Object>> all = list(schema.get("allOf"));
            return all.size() == 1 ? resolve(all.get(0)) : schema;
        }
        String name = ref.toString().substring(ref.toString().lastIndexOf('/') + 1);
        return map(map(map(document.get("components")).get("schemas")).get(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
