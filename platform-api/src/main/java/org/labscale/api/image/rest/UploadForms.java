package org.labscale.api.image.rest;

import java.time.Duration;
import java.util.Set;

import io.vertx.core.http.HttpServerRequest;

import org.labscale.api.common.MultipartUpload;
import org.labscale.api.common.RequestBodyStream;
import org.labscale.api.image.service.Rejections;

/**
 * Reads the multipart body of an image or annotation upload: the file part to a temp file, never more than a few
 * MiB of the body in the heap (see {@link RequestBodyStream}). The caller closes the form to delete the file.
 */
public final class UploadForms {

    /** As {@code quarkus.http.read-timeout}: how long a client may send nothing in the middle of a body. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private UploadForms() {
    }

    /**
     * @param maxBytes the largest file accepted; the file's bytes beyond it are counted, not kept, and the whole body
     *                 may exceed it by {@link UploadSizeFilter#FORM_ALLOWANCE} at most (413 {@code upload.too-large})
     */
    public static MultipartUpload read(HttpServerRequest request, String contentType, Set<String> textFields,
                                       long maxBytes) {
        return read(request, contentType, textFields, maxBytes, 1);
    }

    /** As above, with up to {@code maxFiles} parts named 'file' (the limits hold for all of them together). */
    public static MultipartUpload read(HttpServerRequest request, String contentType, Set<String> textFields,
                                       long maxBytes, int maxFiles) {
        try (RequestBodyStream body = new RequestBodyStream(request, maxBytes + UploadSizeFilter.FORM_ALLOWANCE,
                received -> Rejections.tooLarge(received, maxBytes), IDLE_TIMEOUT)) {
            return MultipartUpload.read(contentType, body, "file", textFields, maxBytes, maxFiles);
        }
    }
}
