package org.labscale.worker.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

/**
 * Downloaded inputs (models, images) on local disk, keyed by the SHA-256 of their content, with a size limit and
 * least-recently-used eviction.
 *
 * <p>Layout: {@code DIR/sha256/ab/abcdef...} for entries, {@code DIR/tmp/} for downloads in progress. A download is
 * written to a temporary file in the same file system while its SHA-256 is computed, checked against the expected
 * hash, and only then renamed into place. The rename is atomic, so a reader sees either no entry or a complete,
 * verified one, and several worker processes may share one folder: when two fetch the same content at once, both
 * renames succeed and leave identical bytes.
 *
 * <p>Recency is the entry's modification time, set on every hit, so it is shared between processes too. Eviction
 * deletes the least recently used entries until the total is below the limit, but never an entry used within
 * {@code minAge}: another process may have just been handed its path. (A process that holds a file open keeps reading
 * it even after a deletion, as POSIX unlinks work.) The limit is therefore soft while many entries are in use.
 */
public final class ContentCache {

    private static final Logger LOG = Logger.getLogger(ContentCache.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** Temporary files older than this are left-overs of a crashed process. */
    private static final Duration STALE_TEMP = Duration.ofHours(1);

    /** Where the bytes of an entry come from when it is missing. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException, InterruptedException;
    }

    /** The content did not have the hash it was fetched under; nothing was stored. */
    public static class IntegrityException extends IOException {
        public IntegrityException(String message) {
            super(message);
        }
    }

    private final Path dir;
    private final long maxBytes;
    private final Duration minAge;
    private final Clock clock;

    public ContentCache(Path dir, long maxBytes, Duration minAge, Clock clock) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("The cache size limit must be positive, not " + maxBytes + " bytes");
        }
        this.dir = dir.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        this.minAge = minAge;
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Creates the folders and deletes temporary files that crashed processes left behind. */
    public ContentCache open() throws IOException {
        Files.createDirectories(dir.resolve("sha256"));
        Files.createDirectories(dir.resolve("tmp"));
        Instant staleBefore = clock.instant().minus(STALE_TEMP);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir.resolve("tmp"))) {
            for (Path t : temps) {
                try {
                    if (Files.getLastModifiedTime(t).toInstant().isBefore(staleBefore)) {
                        Files.deleteIfExists(t);
                    }
                } catch (NoSuchFileException gone) {
                    // another process cleaned it up
                }
            }
        }
        return this;
    }

    /** The path of an entry, whether or not it is present. */
    public Path pathOf(String sha256) {
        String hash = checkHash(sha256);
        return dir.resolve("sha256").resolve(hash.substring(0, 2)).resolve(hash);
    }

    /** Whether the entry is present (without counting as a use). */
    public boolean contains(String sha256) {
        return Files.isRegularFile(pathOf(sha256));
    }

    /**
     * The local file with content {@code sha256}: present already (a hit, which marks it recently used), or fetched
     * from {@code source}, verified and stored first (then the cache is trimmed to its limit).
     *
     * @throws IntegrityException the fetched bytes have another hash; nothing is stored
     */
    public Path get(String sha256, Source source) throws IOException, InterruptedException {
        Path entry = pathOf(sha256);
        if (touch(entry)) {
            return entry;
        }
        Files.createDirectories(entry.getParent());
        Files.createDirectories(dir.resolve("tmp"));
        Path tmp = dir.resolve("tmp").resolve(sha256 + "." + UUID.randomUUID() + ".part");
        try {
            MessageDigest digest = sha256Digest();
            try (InputStream in = source.open();
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
                in.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(sha256)) {
                throw new IntegrityException("Downloaded content has SHA-256 " + actual + ", not the expected "
                        + sha256 + "; it was discarded");
            }
            try {
                Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                // a platform whose rename refuses to replace: the other process stored the same bytes
            }
            touch(entry);
        } finally {
            Files.deleteIfExists(tmp);
        }
        trim(entry);
        return entry;
    }

    /** Total bytes of all entries. */
    public long size() throws IOException {
        return entries().stream().mapToLong(Entry::size).sum();
    }

    /**
     * Deletes least recently used entries until the total fits the limit, sparing {@code keep} and entries used within
     * {@code minAge}. Answers how many bytes were freed.
     */
    public long trim(Path keep) throws IOException {
        List<Entry> entries = entries();
        long total = entries.stream().mapToLong(Entry::size).sum();
        if (total <= maxBytes) {
            return 0;
        }
        Instant spareAfter = clock.instant().minus(minAge);
        entries.sort(Comparator.comparing(Entry::usedAt));
        long freed = 0;
        for (Entry e : entries) {
            if (total - freed <= maxBytes) {
                break;
            }
            if (e.path().equals(keep) || e.usedAt().isAfter(spareAfter)) {
                continue;
            }
            if (Files.deleteIfExists(e.path())) {
                freed += e.size();
                LOG.debugf("Evicted %s (%d bytes, last used %s)", e.path().getFileName(), e.size(), e.usedAt());
            }
        }
        if (total - freed > maxBytes) {
            LOG.infof("Cache %s holds %d bytes, over its limit of %d: the rest was used within %s", dir,
                    total - freed, maxBytes, minAge);
        }
        return freed;
    }

    private record Entry(Path path, long size, Instant usedAt) {
    }

    private List<Entry> entries() throws IOException {
        List<Entry> entries = new ArrayList<>();
        Path root = dir.resolve("sha256");
        if (!Files.isDirectory(root)) {
            return entries;
        }
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(root)) {
            for (Path shard : shards) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
                    for (Path f : files) {
                        try {
                            entries.add(new Entry(f, Files.size(f), Files.getLastModifiedTime(f).toInstant()));
                        } catch (NoSuchFileException evictedMeanwhile) {
                            // another process evicted it
                        }
                    }
                } catch (NoSuchFileException | java.nio.file.NotDirectoryException ignored) {
                    // not a shard
                }
            }
        }
        return entries;
    }

    /** Marks an entry as used now; false when it is not present. */
    private boolean touch(Path entry) throws IOException {
        try {
            Files.setLastModifiedTime(entry, FileTime.from(clock.instant()));
            return Files.isRegularFile(entry);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static String checkHash(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("A cache key is a lower-case hex SHA-256 (64 characters), not '"
                    + sha256 + "'");
        }
        return sha256;
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
