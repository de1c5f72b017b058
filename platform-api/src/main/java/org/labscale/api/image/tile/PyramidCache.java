package org.labscale.api.image.tile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.labscale.api.common.ApiException;
import org.labscale.api.storage.ObjectStore;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;

/**
 * The tile pyramids of recently viewed images on local disk, one folder per image id, built on first view or, for
 * large images, right after upload ({@link #prepare}, {@link PyramidPrebuild}).
 *
 * <p>A build downloads the original from S3 into a {@code .building} folder, builds there ({@link PyramidBuilder}),
 * deletes the original and renames the folder, so a folder without that suffix is always complete (a crash mid-build
 * leaves only a {@code .building} folder, cleared at start). Builds run one at a time on their own thread, so many
 * first views never decode many large images at once; a request waits for its image's build up to
 * {@link TileConfig#buildWait()} and is then answered 503 with a sentence (the viewer retries). Beyond
 * {@link TileConfig#cacheMaxBytes()} the least recently used pyramids are deleted.
 *
 * <p>Image pixels never change for an id, so a pyramid never goes stale; a deleted image's pyramid stays until it is
 * evicted but cannot be reached, because every request first checks the image's row and the caller's access.
 */
@ApplicationScoped
public class PyramidCache {

    private static final Logger LOG = Logger.getLogger(PyramidCache.class);
    private static final String BUILDING = ".building";

    /** What a build needs to know of an image. */
    public record Source(UUID imageId, String objectKey, PageMode mode) {
    }

    @Inject
    TileConfig config;

    @Inject
    ObjectStore store;

    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tile-pyramid-builder");
        t.setDaemon(true);
        return t;
    });
    private final Map<UUID, CompletableFuture<Pyramid>> pyramids = new ConcurrentHashMap<>();
    private final Map<UUID, Long> lastUsed = new ConcurrentHashMap<>();
    private volatile Path root;

    /**
     * The pyramid of {@code source}, built first if needed.
     *
     * @throws ApiException 503 {@code tile.preparing} when the build takes longer than the configured wait
     */
    public Pyramid get(Source source) {
        lastUsed.put(source.imageId(), System.nanoTime());
        CompletableFuture<Pyramid> future = pyramids.computeIfAbsent(source.imageId(), id -> start(source));
        try {
            return future.get(config.buildWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiException(503, "tile.preparing", "The image's tiles are being prepared; try again in a"
                    + " few seconds.", Map.of("retryAfterSeconds", 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the tiles of image " + source.imageId(), e);
        } catch (ExecutionException e) {
            pyramids.remove(source.imageId(), future); // a later view tries again
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("building the tiles of image " + source.imageId() + " failed", cause);
        }
    }

    /**
     * Starts building the pyramid of {@code source} in the background unless it is built or being built; never waits.
     * Builds queue behind each other on the one builder thread, so heap and CPU stay bounded however many large
     * images arrive at once; a tile request for the image meanwhile waits for the same build.
     */
    public void prepare(Source source) {
        lastUsed.putIfAbsent(source.imageId(), System.nanoTime());
        pyramids.computeIfAbsent(source.imageId(), id -> start(source));
    }

    /** Whether the pyramid of {@code imageId} is built and known (what a tile request would find at once). */
    public boolean built(UUID imageId) {
        CompletableFuture<Pyramid> future = pyramids.get(imageId);
        return future != null && future.isDone() && !future.isCompletedExceptionally();
    }

    /** Forgets a pyramid whose files went missing (evicted or deleted by hand), so the next view rebuilds it. */
    public void forget(UUID imageId) {
        pyramids.remove(imageId);
    }

    private CompletableFuture<Pyramid> start(Source source) {
        Path dir = root().resolve(source.imageId().toString());
        return CompletableFuture.supplyAsync(() -> build(source, dir), builder);
    }

    private Pyramid build(Source source, Path dir) {
        Path work = dir.resolveSibling(dir.getFileName() + BUILDING);
        long started = System.nanoTime();
        try {
            delete(dir); // left by a pyramid that was forgotten because some of its files went missing
            delete(work);
            Files.createDirectories(work);
            Path original = work.resolve("original");
            store.download(source.objectKey(), original);
            Pyramid built = PyramidBuilder.build(original, source.mode(), work);
            Files.delete(original);
            try {
                Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(work, dir);
            }
            LOG.infof("Tile pyramid of image %s built in %d ms (%d x %d, %d planes, levels 0-%d)", source.imageId(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), built.layout().width(),
                    built.layout().height(), built.channels() * built.frames(), built.layout().maxLevel());
            evictBeyondLimit(source.imageId());
            return new Pyramid(dir, built.layout(), built.channels(), built.frames());
        } catch (IOException e) {
            delete(work);
            throw new UncheckedIOException("building the tile pyramid of image " + source.imageId() + " failed", e);
        } catch (ImageRejectedException e) {
            delete(work);
            throw new IllegalStateException("the stored original of image " + source.imageId()
                    + " no longer decodes: " + e.getMessage(), e);
        }
    }

    /** Deletes least recently used pyramids until the cache fits its limit; never {@code keep}. */
    private void evictBeyondLimit(UUID keep) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> list = Files.list(root())) {
            list.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().endsWith(BUILDING)).forEach(dirs::add);
        }
        long total = 0;
        Map<Path, Long> sizes = new java.util.HashMap<>();
        for (Path d : dirs) {
            long size = size(d);
            sizes.put(d, size);
            total += size;
        }
        dirs.sort(Comparator.comparingLong(d -> lastUsed.getOrDefault(id(d), Long.MIN_VALUE)));
        for (Path d : dirs) {
            if (total <= config.cacheMaxBytes()) {
                break;
            }
            UUID id = id(d);
            if (keep.equals(id)) {
                continue;
            }
            pyramids.remove(id);
            lastUsed.remove(id);
            delete(d);
            total -= sizes.get(d);
        }
    }

    private static UUID id(Path dir) {
        try {
            return UUID.fromString(dir.getFileName().toString());
        } catch (IllegalArgumentException e) {
            return new UUID(0, 0);
        }
    }

    private Path root() {
        Path r = root;
        if (r == null) {
            synchronized (this) {
                if (root == null) {
                    Path dir = config.cacheDir().orElse(Path.of(System.getProperty("java.io.tmpdir"), "labscale-tiles"));
                    try {
                        Files.createDirectories(dir);
                        // what a crash left half-built, and pyramids of an earlier run (their geometry is not kept)
                        try (Stream<Path> old = Files.list(dir)) {
                            old.forEach(PyramidCache::delete);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot prepare the tile cache folder " + dir, e);
                    }
                    root = dir;
                }
                r = root;
            }
        }
        return r;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warnf("Could not delete %s: %s", dir, e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        builder.shutdownNow();
    }
}
