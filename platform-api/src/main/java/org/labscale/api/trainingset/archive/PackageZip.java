package org.labscale.api.trainingset.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.labscale.api.common.ApiException;
import org.labscale.api.common.Hashing;

/**
 * The received zip of a training-set package, on local disk. Every read is bounded: the manifest by
 * {@value #MAX_MANIFEST_BYTES} bytes, each file by the size its manifest entry declares (a zip entry's own size
 * fields are not trusted), so a zip bomb costs at most what the manifest admitted.
 */
final class PackageZip implements Closeable {

    static final int MAX_MANIFEST_BYTES = 16 << 20;

    private final ZipFile zip;

    private PackageZip(ZipFile zip) {
        this.zip = zip;
    }

    static PackageZip open(Path file) {
        try {
            return new PackageZip(new ZipFile(file.toFile()));
        } catch (ZipException e) {
            throw ApiException.badRequest("training-set-package.not-a-zip", "The body is not a zip file ("
                    + e.getMessage() + "); send the zip a training-set export made.");
        } catch (IOException e) {
            throw new UncheckedIOException("opening the received package failed", e);
        }
    }

    byte[] manifest() {
        ZipEntry entry = zip.getEntry(PackageManifest.FILE_NAME);
        if (entry == null) {
            throw ApiException.badRequest("training-set-package.no-manifest", "The zip has no "
                    + PackageManifest.FILE_NAME + " at its top level.");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
            if (bytes.length > MAX_MANIFEST_BYTES) {
                throw ApiException.badRequest("training-set-package.invalid-manifest", PackageManifest.FILE_NAME
                        + " is larger than " + (MAX_MANIFEST_BYTES >> 20) + " MiB.");
            }
            return bytes;
        } catch (IOException e) {
            throw corrupt(PackageManifest.FILE_NAME, e);
        }
    }

    /** Refuses entries the manifest does not list (folders excepted) and listed files the zip lacks. */
    void requireExactly(Set<String> listed) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            String name = e.getName();
            boolean folder = e.isDirectory() && (name.equals(PackageManifest.IMAGES)
                    || name.equals(PackageManifest.MASKS));
            if (!folder && !name.equals(PackageManifest.FILE_NAME) && !listed.contains(name)) {
                throw new ApiException(400, "training-set-package.unlisted-file", "The zip holds '" + name
                        + "', which manifest.json does not list; a package holds exactly the files it lists.",
                        Map.of("file", name));
            }
        }
        for (String path : listed) {
            if (zip.getEntry(path) == null) {
                throw new ApiException(400, "training-set-package.missing-file", "manifest.json lists '" + path
                        + "', which the zip does not hold.", Map.of("file", path));
            }
        }
    }

    /** Copies a listed file to {@code target}, refusing it unless its size and SHA-256 are what the manifest says. */
    void extract(PackageManifest.FileEntry file, Path target) {
        MessageDigest digest = Hashing.sha256();
        long size = 0;
        try (InputStream in = zip.getInputStream(zip.getEntry(file.path()));
             OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                size += n;
                if (size > file.sizeBytes()) {
                    throw sizeMismatch(file, "more than " + file.sizeBytes());
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw corrupt(file.path(), e);
        }
        if (size != file.sizeBytes()) {
            throw sizeMismatch(file, Long.toString(size));
        }
        String sha = HexFormat.of().formatHex(digest.digest());
        if (!sha.equals(file.sha256())) {
            throw new ApiException(400, "training-set-package.checksum-mismatch", "'" + file.path() + "' has SHA-256 "
                    + sha + " but manifest.json says " + file.sha256() + "; the file was changed or damaged.",
                    Map.of("file", file.path(), "expected", file.sha256(), "actual", sha));
        }
    }

    private static ApiException sizeMismatch(PackageManifest.FileEntry file, String actual) {
        return new ApiException(400, "training-set-package.size-mismatch", "'" + file.path() + "' holds " + actual
                + " bytes but manifest.json says " + file.sizeBytes() + ".",
                Map.of("file", file.path(), "expected", file.sizeBytes()));
    }

    private static ApiException corrupt(String path, IOException e) {
        return new ApiException(400, "training-set-package.corrupt", "'" + path + "' cannot be unpacked from the zip ("
                + e.getMessage() + ").", Map.of("file", path));
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the received package failed", e);
        }
    }
}
