package org.labscale.ui;

/**
 * JSON answers shaped like platform-api's answers (the records of {@code shared-models}, as the running API writes
 * them), for tests.
 */
public final class Fixtures {

    public static final String USER_ID = "0b6c1a52-6a43-4d0c-9d1e-0d8f0f4f2a11";
    public static final String LAB_OWNED = "7d9f3a10-0000-4000-8000-000000000001";
    public static final String LAB_VIEWED = "7d9f3a10-0000-4000-8000-000000000002";

    private Fixtures() {
    }

    public static String login(String token, String expiresAt) {
        return """
                {"token":"%s","expiresAt":"%s","user":{"id":"%s","email":"ada@lab.org","displayName":"Ada Lovelace","platformAdmin":false,"createdAt":"2026-01-01T00:00:00Z"}}
                """.formatted(token, expiresAt, USER_ID);
    }

    public static String error(String code, String message) {
        return """
                {"code":"%s","message":"%s","details":{"field":"name"}}
                """.formatted(code, message);
    }

    public static String lab(String id, String name, String role) {
        return """
                {"id":"%s","name":"%s","slug":"%s","description":"","role":"%s","createdAt":"2026-01-02T03:04:05Z","updatedAt":"2026-01-02T03:04:05Z","version":1}
                """.formatted(id, name, name.toLowerCase().replace(' ', '-'), role);
    }

    public static String project(String labId, String name, String... tags) {
        String tagJson = tags.length == 0 ? "" : "\"" + String.join("\",\"", tags) + "\"";
        return """
                {"id":"%s","labId":"%s","name":"%s","description":"d","tags":[%s],"imageCount":12,
                 "createdAt":"2026-01-02T03:04:05Z","updatedAt":"2026-02-03T04:05:06Z","version":2}
                """.formatted(java.util.UUID.randomUUID(), labId, name, tagJson);
    }

    public static String page(long total, String... items) {
        return "{\"items\":[" + String.join(",", items) + "],\"page\":0,\"size\":100,\"total\":" + total + "}";
    }
}
