package org.labscale.worker.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentCacheTest {

    @TempDir
    Path dir;

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    final MovableClock clock = new MovableClock();

    @Test
    void shouldDownloadOnceThenServeFromDisk() throws Exception {
        ContentCache cache = new ContentCache(dir, 1_000_000, Duration.ofMinutes(1), clock).open();
        byte[] content = "a model".getBytes(StandardCharsets.UTF_8);
        AtomicInteger downloads = new AtomicInteger();
        ContentCache.Source source = () -> {
            downloads.incrementAndGet();
            return new ByteArrayInputStream(content);
        };
        Path first = cache.get(sha256(content), source);
        Path second = cache.get(sha256(content), source);
        assertEquals(first, second);
        assertArrayEquals(content, Files.readAllBytes(first));
        assertEquals(1, downloads.get());
        assertEquals(dir.resolve("sha256").resolve(sha256(content).substring(0, 2)).resolve(sha256(content)), first);
    }

    @Test
    void shouldRejectContentWithAnotherHashAndStoreNothing() throws Exception {
        ContentCache cache = new ContentCache(dir, 1_000_000, Duration.ofMinutes(1), clock).open();
        String expected = sha256("what we asked for".getBytes(StandardCharsets.UTF_8));
        ContentCache.IntegrityException e = assertThrows(ContentCache.IntegrityException.class,
                () -> cache.get(expected, () -> new ByteArrayInputStream("tampered".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(cache.contains(expected));
        assertEquals(0, cache.size());
        try (var temps = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, temps.count(), "no temporary file left");
        }
    }

    @Test
    void shouldLeaveNoEntryWhenTheDownloadBreaksOff() throws Exception {
        ContentCache cache = new ContentCache(dir, 1_000_000, Duration.ofMinutes(1), clock).open();
        byte[] content = new byte[10_000];
        InputStream breaking = new InputStream() {
            int read;

            @Override
            public int read() throws IOException {
                if (read++ > 5_000) {
                    throw new IOException("connection reset");
                }
                return 0;
            }
        };
        assertThrows(IOException.class, () -> cache.get(sha256(content), () -> breaking));
        assertFalse(cache.contains(sha256(content)));
        try (var temps = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, temps.count());
        }
    }

    @Test
    void shouldEvictTheLeastRecentlyUsedBeyondTheLimit() throws Exception {
        ContentCache cache = new ContentCache(dir, 250, Duration.ofMinutes(1), clock).open();
        byte[] a = filled('a', 100);
        byte[] b = filled('b', 100);
        byte[] c = filled('c', 100);
        cache.get(sha256(a), () -> new ByteArrayInputStream(a));
        clock.advance(Duration.ofMinutes(5));
        cache.get(sha256(b), () -> new ByteArrayInputStream(b));
        clock.advance(Duration.ofMinutes(5));
        cache.get(sha256(a), () -> { throw new AssertionError("a is cached"); }); // a used again: b is now the oldest
        clock.advance(Duration.ofMinutes(5));
        cache.get(sha256(c), () -> new ByteArrayInputStream(c)); // 300 bytes > 250: evict one

        assertTrue(cache.contains(sha256(a)), "recently used a kept");
        assertFalse(cache.contains(sha256(b)), "least recently used b evicted");
        assertTrue(cache.contains(sha256(c)), "the new entry kept");
        assertEquals(200, cache.size());
    }

    @Test
    void shouldNotEvictEntriesInUseEvenOverTheLimit() throws Exception {
        ContentCache cache = new ContentCache(dir, 150, Duration.ofMinutes(1), clock).open();
        byte[] a = filled('a', 100);
        byte[] b = filled('b', 100);
        cache.get(sha256(a), () -> new ByteArrayInputStream(a));
        clock.advance(Duration.ofSeconds(10)); // a was used 10 s ago: another process may be opening it
        cache.get(sha256(b), () -> new ByteArrayInputStream(b));
        assertTrue(cache.contains(sha256(a)));
        assertTrue(cache.contains(sha256(b)));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(100, cache.trim(null), "once a is idle it goes");
        assertFalse(cache.contains(sha256(a)));
    }

    @Test
    void shouldStoreOneVerifiedCopyWhenTwoProcessesFetchTheSameContentAtOnce() throws Exception {
        byte[] content = filled('x', 200_000);
        String hash = sha256(content);
        // two caches on one folder stand for two worker processes sharing it
        ContentCache one = new ContentCache(dir, 10_000_000, Duration.ofMinutes(1), clock).open();
        ContentCache two = new ContentCache(dir, 10_000_000, Duration.ofMinutes(1), clock).open();
        CountDownLatch bothStarted = new CountDownLatch(2);
        ContentCache.Source slow = () -> {
            bothStarted.countDown();
            bothStarted.await();
            return new ByteArrayInputStream(content);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (ContentCache cache : List.of(one, two)) {
                results.add(pool.submit((Callable<Path>) () -> cache.get(hash, slow)));
            }
            for (Future<Path> r : results) {
                assertArrayEquals(content, Files.readAllBytes(r.get()));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(content.length, one.size());
        try (var temps = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, temps.count());
        }
    }

    @Test
    void shouldDeleteStaleTemporaryFilesOnOpen() throws Exception {
        Files.createDirectories(dir.resolve("tmp"));
        Path stale = Files.writeString(dir.resolve("tmp/abc.part"), "half a download");
        Path fresh = Files.writeString(dir.resolve("tmp/def.part"), "someone else's download in progress");
        Files.setLastModifiedTime(stale, FileTime.from(clock.instant().minus(Duration.ofHours(2))));
        Files.setLastModifiedTime(fresh, FileTime.from(clock.instant().minus(Duration.ofMinutes(2))));
        new ContentCache(dir, 1000, Duration.ofMinutes(1), clock).open();
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh));
    }

    @Test
    void shouldRefuseKeysThatAreNotSha256() throws Exception {
        ContentCache cache = new ContentCache(dir, 1000, Duration.ofMinutes(1), clock).open();
        assertThrows(IllegalArgumentException.class, () -> cache.pathOf("../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> cache.pathOf("ABC"));
    }

    private static byte[] filled(char c, int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) c);
        return b;
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
