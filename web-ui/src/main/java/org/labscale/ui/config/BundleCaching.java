package org.labscale.ui.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Vaadin's production bundle ({@code /VAADIN/build/}) has the hash of each file's content in its name, so a browser may
 * keep it for a year without asking again ({@code immutable}); Vaadin itself says one hour, after which every page
 * load asks again for each of its files. Vaadin already serves the files Brotli-compressed to browsers that accept it.
 */
@ApplicationScoped
public class BundleCaching {

    static final String BUNDLE = "/VAADIN/build/";
    static final String FOREVER = "public, max-age=31536000, immutable";

    void register(@Observes Filters filters) {
        filters.register(this::add, 90);
    }

    private void add(RoutingContext rc) {
        if (rc.normalizedPath().startsWith(BUNDLE)) {
            rc.addHeadersEndHandler(v -> {
                if (rc.response().getStatusCode() == 200) {
                    rc.response().headers().set(HttpHeaders.CACHE_CONTROL, FOREVER);
                }
            });
        }
        rc.next();
    }
}
