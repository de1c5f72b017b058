package org.labscale.api.overlay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.labscale.api.storage.ObjectStore;

/**
 * Overlay tiles of stored label images (a segmentation's label mask, an annotation's class map) for the viewer, so
 * overlays of images of any size are drawn tile by tile like the image. The caller has checked that the object
 * belongs to the caller's lab. Decoded label images are kept, least recently used first out, within
 * {@code labscale.overlay.cache-mb} of heap (2 bytes per pixel; one image above the budget is decoded per request
 * and not kept); concurrent requests for one object decode it once.
 */
@ApplicationScoped
public class OverlayTiles {

    @Inject
    ObjectStore store;

    @ConfigProperty(name = "labscale.overlay.cache-mb", defaultValue = "256")
    long cacheMb;

    private final Map<String, CompletableFuture<LabelRaster>> cache = new LinkedHashMap<>(16, 0.75f, true);

    /** Tile (x, y) of {@code level} of the label image stored at {@code key}; 400 for a tile it does not have. */
    public byte[] tile(String key, int level, int x, int y) {
        LabelRaster raster = raster(key);
        LabelTile.check(raster, level, x, y);
        return LabelTile.png(raster, level, x, y);
    }

    private LabelRaster raster(String key) {
        CompletableFuture<LabelRaster> future;
        boolean load;
        synchronized (cache) {
            future = cache.get(key);
            load = future == null;
            if (load) {
                future = new CompletableFuture<>();
                cache.put(key, future);
            }
        }
        if (load) {
            try (InputStream in = store.open(key)) {
                future.complete(LabelRaster.read(in));
            } catch (IOException | RuntimeException e) {
                future.completeExceptionally(e);
                synchronized (cache) {
                    cache.remove(key);
                }
            }
            trim();
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException("reading the label image " + key + " failed", io);
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Drops the least recently used decoded images until the rest fit the budget. */
    private void trim() {
        long budget = cacheMb * 1024 * 1024;
        synchronized (cache) {
            long held = 0;
            for (CompletableFuture<LabelRaster> f : cache.values()) {
                held += f.isDone() && !f.isCompletedExceptionally() ? f.join().bytes() : 0;
            }
            Iterator<CompletableFuture<LabelRaster>> it = cache.values().iterator();
            while (held > budget && it.hasNext()) {
                CompletableFuture<LabelRaster> f = it.next();
                if (f.isDone() && !f.isCompletedExceptionally()) {
                    held -= f.join().bytes();
                    it.remove();
                }
            }
        }
    }
}
