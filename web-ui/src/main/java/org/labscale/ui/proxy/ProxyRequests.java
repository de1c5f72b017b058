package org.labscale.ui.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.labscale.ui.api.LabscaleApiClient;
import org.labscale.ui.session.SignedInUser;
import org.labscale.ui.session.VaadinSessionStore;

/**
 * What every proxy servlet of the UI reads from a request: the path below the servlet, and the signed-in user of the
 * HTTP session (the one Vaadin session's sign-in put there), answering 401 when there is none or it has expired.
 */
final class ProxyRequests {

    private ProxyRequests() {
    }

    /** The path below the servlet's mapping, without the leading slash ("" for none). */
    static String path(HttpServletRequest request) {
        return request.getPathInfo() == null ? "" : request.getPathInfo().replaceFirst("^/", "");
    }

    /** The session's signed-in user, or null after answering 401. */
    static SignedInUser signedInOr401(HttpServletRequest request, HttpServletResponse response, Instant now)
            throws IOException {
        HttpSession session = request.getSession(false);
        Object user = session == null ? null : session.getAttribute(VaadinSessionStore.HTTP_ATTRIBUTE);
        if (!(user instanceof SignedInUser signedIn) || signedIn.isExpiredAt(now)) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return null;
        }
        return signedIn;
    }

    /** An answer of the API that is already what the browser needs (an overlay tile): status, type, caching, bytes. */
    static void passAsIs(LabscaleApiClient.Passthrough answer, HttpServletResponse response) throws IOException {
        try (InputStream body = answer.body()) {
            passHeaders(answer, response);
            body.transferTo(response.getOutputStream());
        }
    }

    /** The status, type, caching ({@link #privateOnly}) and ETag of an API answer. */
    static void passHeaders(LabscaleApiClient.Passthrough answer, HttpServletResponse response) {
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        String cacheControl = privateOnly(answer.cacheControl());
        if (cacheControl != null) {
            response.setHeader("Cache-Control", cacheControl);
        }
        if (answer.etag() != null) {
            response.setHeader("ETag", answer.etag());
        }
    }

    /**
     * {@code cacheControl} as the browser may get it: only the browser's own cache may keep what a signed-in user
     * read (the same URL is another lab's 404), so an answer that does not say {@code private} or {@code no-store}
     * is made {@code private}; null stays null.
     */
    static String privateOnly(String cacheControl) {
        if (cacheControl == null) {
            return null;
        }
        String lower = cacheControl.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("private") || lower.contains("no-store")) {
            return cacheControl;
        }
        String rest = cacheControl.replaceAll("(?i)\\s*\\bpublic\\b\\s*,?", "").strip()
                .replaceAll("^,\\s*|,\\s*$", "");
        return rest.isEmpty() ? "private" : "private, " + rest;
    }
}
