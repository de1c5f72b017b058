package org.labscale.api.image.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.storage.StorageException;

/** The thumbnail cache keeps at most its budget, drops the least recently used first, and reads misses from storage. */
@QuarkusTest
class ThumbnailCacheTest {

    @Inject
    ObjectStore store;

    @Test
    void shouldReadAMissFromStorageOnceAndKeepIt() {
        ThumbnailCache cache = new ThumbnailCache(1000, store);
        ImageEntity image = image("test/thumbs/" + UUID.randomUUID() + ".png");
        store.putBytes(image.thumbnailKey, new byte[] {1, 2, 3}, "image/png");
        assertArrayEquals(new byte[] {1, 2, 3}, cache.get(image));
        store.delete(image.thumbnailKey);
        assertArrayEquals(new byte[] {1, 2, 3}, cache.get(image), "served from memory once read");
        assertEquals(3, cache.bytes());
    }

    @Test
    void shouldDropTheLeastRecentlyUsedBeyondItsBudget() {
        ThumbnailCache cache = new ThumbnailCache(10, store);
        ImageEntity a = image("test/thumbs/missing-a.png");
        ImageEntity b = image("test/thumbs/missing-b.png");
        ImageEntity c = image("test/thumbs/missing-c.png");
        cache.put(a.id, new byte[4]);
        cache.put(b.id, new byte[4]);
        cache.get(a); // a is now the most recently used
        cache.put(c.id, new byte[4]);
        assertEquals(8, cache.bytes());
        assertEquals(4, cache.get(a).length);
        assertEquals(4, cache.get(c).length);
        assertThrows(StorageException.class, () -> cache.get(b), "b was dropped, and its object does not exist");
        cache.put(UUID.randomUUID(), new byte[11]);
        assertEquals(8, cache.bytes(), "a thumbnail larger than the budget is not kept");
    }

    private static ImageEntity image(String key) {
        ImageEntity image = new ImageEntity();
        image.id = UUID.randomUUID();
        image.thumbnailKey = key;
        return image;
    }
}
