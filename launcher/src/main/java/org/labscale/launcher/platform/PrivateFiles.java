package org.labscale.launcher.platform;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Keeps the platform's data to its own user: folders {@code rwx------}, files {@code rw-------}. Applied at every
 * start, so that folders and files an older version (or another tool) left readable are fixed too. Children run with
 * umask 077 (see {@code ChildProcess}), so what they write later is private from the start. A folder keeps an
 * {@code o+x} it has: PostgreSQL run as {@code nobody} needs to pass through the data folder (see {@code RunAs}), and
 * search alone lists nothing, while every file below is {@code rw-------}.
 */
final class PrivateFiles {

    static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and parents) if missing and makes it {@code rwx------}; its contents are left as they are. */
    static void privateDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        restrict(dir, DIR, true);
    }

    /**
     * Makes {@code root}, every folder below it {@code rwx------} and every file {@code rw-------}; symbolic links are not
     * followed. Missing: nothing to do.
     */
    static void privateTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                restrict(dir, DIR, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    restrict(file, FILE, false);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Makes {@code file} {@code rw-------} if it exists. */
    static void privateFile(Path file) throws IOException {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            restrict(file, FILE, false);
        }
    }

    /** Sets {@code wanted}, plus an {@code o+x} that {@code p} has when {@code keepSearch} (folders). */
    private static void restrict(Path p, Set<PosixFilePermission> wanted, boolean keepSearch) throws IOException {
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> target = EnumSet.copyOf(wanted);
        if (keepSearch && now.contains(PosixFilePermission.OTHERS_EXECUTE)) {
            target.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        if (!now.equals(target)) {
            Files.setPosixFilePermissions(p, target);
        }
    }
}
