package org.labscale.shared.job;

import java.time.Instant;

/**
 * An object the successful attempt of a job stored ({@code GET /api/v1/labs/{labId}/jobs/{jobId}/outputs}).
 *
 * @param name      e.g. {@code member-0.onnx}, {@code card.json}, {@code <imageId>/labels.tif}
 * @param sizeBytes its size
 */
public record JobOutputDto(String name, long sizeBytes, Instant createdAt) {
}
