package org.labscale.shared.image;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An uploaded microscopy image and what was read from it.
 *
 * @param sampleType    UINT8, UINT16 or FLOAT32
 * @param pixelSizeUm   physical size of one pixel in micrometres, when known
 * @param sha256        content hash of the original file
 */
public record ImageDto(UUID id, UUID projectId, String name, String format, int width, int height, int channels,
                       int frames, int bitsPerSample, String sampleType, String compression, PageMode pageMode,
                       List<String> channelNames, Double pixelSizeUm, String sha256, long sizeBytes,
                       Instant createdAt, Instant updatedAt, long version) {
}
