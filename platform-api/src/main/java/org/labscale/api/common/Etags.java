package org.labscale.api.common;

import java.util.Map;

import jakarta.ws.rs.core.EntityTag;

/**
 * Optimistic concurrency over HTTP: GET answers {@code ETag: "<version>"}; a write may send {@code If-Match} with it
 * and is refused with 412 when the resource changed meanwhile.
 */
public final class Etags {

    private Etags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** Throws 412 when {@code ifMatch} is given and names another version than {@code current}. */
    public static void requireMatch(String ifMatch, long current) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        if (!tag.equals(Long.toString(current))) {
            throw new ApiException(412, "precondition.failed", "The resource changed since you read it (your If-Match is "
                    + ifMatch + ", current version is \"" + current + "\"); read it again and retry.",
                    Map.of("currentVersion", current));
        }
    }
}
