package org.labscale.shared.image;

import java.time.Instant;
import java.util.UUID;

/** Where to PUT the file's bytes, until when; then call complete with {@code uploadId}. */
public record UploadTicketDto(UUID uploadId, String method, String url, Instant expiresAt) {
}
