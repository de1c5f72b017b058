package org.labscale.shared.image;

import java.util.List;
import java.util.UUID;

/**
 * Several images' thumbnails in one answer ({@code GET /api/v1/projects/{id}/thumbnails?id=...}), so that a gallery
 * page costs one request; each is what {@code GET /api/v1/images/{id}/thumbnail} answers, and is cached by the
 * browser as {@link #CACHE_CONTROL} under the ETag {@link #etag}.
 *
 * @param items the asked-for images of the project, in the order asked; ids of no image of the project are left out
 */
public record ThumbnailsDto(List<Item> items) {

    /** Most thumbnails one request may ask for. */
    public static final int MAX_IDS = 48;

    /**
     * How a thumbnail may be cached: by the browser only ({@code private}: the same URL is another lab's 404, so no
     * shared cache may keep it), for a year, as an image's thumbnail never changes.
     */
    public static final String CACHE_CONTROL = "private, max-age=31536000, immutable";

    /** @param png the PNG's bytes (base64 in JSON) */
    public record Item(UUID imageId, byte[] png) {
    }

    /** The ETag of an image's thumbnail, quotes included; it never changes. */
    public static String etag(UUID imageId) {
        return "\"thumbnail-" + imageId + "\"";
    }
}
