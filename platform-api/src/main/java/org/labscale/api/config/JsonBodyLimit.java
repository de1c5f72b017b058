package org.labscale.api.config;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.labscale.api.common.ApiException;
import org.labscale.api.image.rest.UploadSizeFilter;

/**
 * Refuses, from its Content-Length and before it is read, a request body above {@code labscale.http.max-json-bytes}
 * on every endpoint but the two multipart uploads. Runs before matching and before authentication, so an
 * unauthenticated sign-in cannot make the API read 50 MB either; a body without a Content-Length is bounded by the
 * JSON parser ({@link RequestJson}). The HTTP layer's own limit ({@code quarkus.http.limits.max-body-size}) stays
 * at the uploads' size.
 */
public class JsonBodyLimit {

    /** Looked up per request: REST filters are made before the runtime configuration is there. */
    @Inject
    Provider<LabscaleConfig> config;

    @ServerRequestFilter(preMatching = true)
    public void rejectOversize(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (header == null) {
            return;
        }
        long length;
        try {
            length = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return; // the HTTP layer deals with malformed framing
        }
        int max = config.get().http().maxJsonBytes();
        if (length > max && !UploadSizeFilter.isUpload(request.getMethod(), request.getUriInfo().getPath())) {
            throw tooLarge(length, max);
        }
    }

    /** The 413 for a body of {@code length} bytes. */
    public static ApiException tooLarge(long length, long max) {
        return new ApiException(413, "request.too-large", "This endpoint reads request bodies of at most " + max
                + " bytes; this one has " + length + ".", Map.of("maxBytes", max, "sizeBytes", length));
    }
}
