package org.labscale.shared.image;

/** Starts a direct-to-S3 upload: the answer carries a presigned PUT URL. */
public record UploadRequest(String fileName, Long sizeBytes) {
}
