package org.labscale.api.image.service;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.api.storage.ObjectStore;

/**
 * The bytes of recently made or read thumbnails, so that a gallery's page of 24 is served from memory rather than
 * by 24 round trips to the object store (which were most of a thumbnail's cost). An image's thumbnail never changes
 * and image ids are never reused, so nothing is ever stale; a deleted image's entry is simply never asked for again
 * (callers check access, and the image's existence, first) and ages out. Least recently used entries go first once
 * the entries together exceed {@code labscale.images.thumbnail-cache-bytes} (16 MiB by default: a few hundred
 * thumbnails of real microscopy images, thousands of small ones); 0 turns the cache off.
 */
@ApplicationScoped
public class ThumbnailCache {

    private final Map<UUID, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final long maxBytes;
    private final ObjectStore store;
    private long bytes;

    @Inject
    public ThumbnailCache(@ConfigProperty(name = "labscale.images.thumbnail-cache-bytes", defaultValue = "16777216")
                          long maxBytes, ObjectStore store) {
        this.maxBytes = maxBytes;
        this.store = store;
    }

    /** Keeps a thumbnail just made (at upload), so that the gallery's first look at it needs no storage read. */
    public void put(UUID imageId, byte[] png) {
        if (png.length > maxBytes) {
            return;
        }
        synchronized (entries) {
            byte[] old = entries.put(imageId, png);
            bytes += png.length - (old == null ? 0 : old.length);
            Iterator<byte[]> eldest = entries.values().iterator();
            while (bytes > maxBytes && eldest.hasNext()) {
                bytes -= eldest.next().length;
                eldest.remove();
            }
        }
    }

    /** The thumbnail of {@code image}, whose access the caller has checked: from memory, else one storage read. */
    public byte[] get(ImageEntity image) {
        byte[] png;
        synchronized (entries) {
            png = entries.get(image.id);
        }
        if (png == null) {
            png = store.readSmall(image.thumbnailKey);
            put(image.id, png);
        }
        return png;
    }

    /** Bytes held now. */
    long bytes() {
        synchronized (entries) {
            return bytes;
        }
    }
}
