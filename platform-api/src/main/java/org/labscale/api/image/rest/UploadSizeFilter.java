package org.labscale.api.image.rest;

import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.api.image.service.Rejections;

/**
 * Refuses an over-size multipart upload from its Content-Length, before the body is streamed to disk. Runs before
 * matching (and before authentication: the answer reveals nothing). The exact check on the received file stays in
 * the services; this one only allows {@value #FORM_ALLOWANCE} bytes for the other form fields and part headers.
 *
 * <p>Above {@code quarkus.http.limits.max-body-size} the HTTP layer answers 413 itself, without our error body, so
 * that setting must stay a little above {@code labscale.upload.max-bytes} (see application.properties).
 */
public class UploadSizeFilter {

    static final long FORM_ALLOWANCE = 1 << 20;

    private static final Pattern UPLOADS = Pattern.compile("^/?api/v1/(projects/[^/]+/images|images/[^/]+/annotations)/?$");

    @Inject
    LabscaleConfig config;

    @ServerRequestFilter(preMatching = true)
    public void rejectOversize(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod())) {
            return;
        }
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
        long max = config.upload().maxBytes();
        if (length > max + FORM_ALLOWANCE && isUpload(request.getMethod(), request.getUriInfo().getPath())) {
            throw Rejections.tooLarge(length, max);
        }
    }

    /** True for the two multipart upload endpoints, whose bodies may reach {@code labscale.upload.max-bytes}. */
    public static boolean isUpload(String method, String path) {
        return "POST".equals(method) && UPLOADS.matcher(path).matches();
    }
}
