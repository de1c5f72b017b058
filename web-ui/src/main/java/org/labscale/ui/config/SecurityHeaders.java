package org.labscale.ui.config;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every answer of the UI carries: it may not be framed by another site ({@code X-Frame-Options: DENY} and
 * CSP {@code frame-ancestors 'none'}: no clickjacking), browsers may not guess content types
 * ({@code X-Content-Type-Options: nosniff}), and other sites get no referrer. Cookies (the session's) get
 * {@code SameSite=Lax} and, when the page came over HTTPS (directly, or through a proxy that says so with
 * {@code X-Forwarded-Proto} while {@code quarkus.http.proxy.proxy-address-forwarding} is on), {@code Secure}.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String SAME_SITE = "SameSite=Lax";

    void register(@Observes Filters filters) {
        filters.register(this::add, 100);
    }

    private void add(RoutingContext rc) {
        boolean https = isHttps(rc.request());
        rc.addHeadersEndHandler(v -> {
            MultiMap headers = rc.response().headers();
            headers.set("X-Frame-Options", "DENY");
            headers.set("Content-Security-Policy", "frame-ancestors 'none'");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "same-origin");
            List<String> cookies = headers.getAll(HttpHeaders.SET_COOKIE);
            if (!cookies.isEmpty()) {
                headers.remove(HttpHeaders.SET_COOKIE);
                cookies.forEach(c -> headers.add(HttpHeaders.SET_COOKIE, hardened(c, https)));
            }
        });
        rc.next();
    }

    /** The cookie with SameSite=Lax unless it names a SameSite, and Secure over HTTPS. */
    static String hardened(String cookie, boolean https) {
        String lower = cookie.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(cookie);
        if (!lower.contains("samesite=")) {
            out.append("; ").append(SAME_SITE);
        }
        if (https && !lower.matches("(?s).*;\\s*secure(\\s*;.*|\\s*)$")) {
            out.append("; Secure");
        }
        return out.toString();
    }

    private static boolean isHttps(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.scheme());
    }
}
