package org.labscale.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * What {@code login} stores: the platform URL and a token, in a properties file only its owner can read (600; its
 * folder 700). The token is a secret, so the file is created with those permissions before anything is written to
 * it, and replaced atomically.
 *
 * @param url       the platform's base URL, e.g. {@code http://127.0.0.1:8180}; null when never signed in
 * @param token     a session ({@code login --email}) or personal API token; null after {@code logout}
 * @param tokenKind how the token came: {@code given} ({@code --token}: logout only forgets it), {@code session} or
 *                  {@code created} (made by {@code login --email}: logout revokes it)
 * @param email     whose token it is, for messages
 */
public record CliConfig(String url, String token, String tokenKind, String email) {

    public static final String GIVEN = "given";
    public static final String SESSION = "session";
    public static final String CREATED = "created";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    public static CliConfig empty() {
        return new CliConfig(null, null, null, null);
    }

    /** The stored configuration, or an empty one when the file does not exist. */
    public static CliConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw CliException.usage("Cannot read the configuration " + file + ": " + e.getMessage());
        }
        return new CliConfig(blankToNull(p.getProperty("url")), blankToNull(p.getProperty("token")),
                blankToNull(p.getProperty("token.kind")), blankToNull(p.getProperty("email")));
    }

    public CliConfig withoutToken() {
        return new CliConfig(url, null, null, null);
    }

    public Optional<String> optionalToken() {
        return Optional.ofNullable(token);
    }

    /** Writes the file with owner-only permissions (on POSIX file systems), replacing it atomically. */
    public void save(Path file) {
        Properties p = new Properties();
        put(p, "url", url);
        put(p, "token", token);
        put(p, "token.kind", tokenKind);
        put(p, "email", email);
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
                } else {
                    Files.createDirectories(dir);
                }
            }
            // Created 600 before the secret is written: there is no moment at which others could read it.
            Path tmp = posix ? Files.createTempFile(dir, ".cli", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(dir, ".cli", ".tmp");
            try {
                try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    p.store(out, "labscale-cli: platform URL and token (keep this file private)");
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            if (posix) {
                Files.setPosixFilePermissions(file, OWNER_ONLY); // an older file may have been more open
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the configuration " + file + " failed", e);
        }
    }

    private static void put(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
