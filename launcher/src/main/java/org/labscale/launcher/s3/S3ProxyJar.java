package org.labscale.launcher.s3;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds S3Proxy's {@code jar-with-dependencies}, which runs as a child JVM and is never on our class path.
 *
 * <p>Order: the system property {@code labscale.s3proxy.jar}; the environment variable
 * {@code LABSCALE_S3PROXY_JAR}; {@code lib/s3proxy-*-jar-with-dependencies.jar} beside the jar (or classes
 * folder) this class was loaded from, which is where the launcher build copies it ({@code launcher/target/lib});
 * the local Maven repository ({@code maven.repo.local} system property, else {@code ~/.m2/repository}) at
 * {@code org/gaul/s3proxy/4.1.0/s3proxy-4.1.0-jar-with-dependencies.jar}.
 */
public final class S3ProxyJar {

    /** The S3Proxy version the build downloads; keep in step with {@code s3proxy.version} in the root pom. */
    public static final String VERSION = "4.1.0";

    static final String FILE_NAME = "s3proxy-" + VERSION + "-jar-with-dependencies.jar";

    private S3ProxyJar() {
    }

    /** The jar, or an exception that lists every place looked at. */
    public static Path locate() {
        List<String> looked = new ArrayList<>();
        String prop = System.getProperty("labscale.s3proxy.jar");
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop);
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath();
            }
            looked.add(p + " (system property labscale.s3proxy.jar)");
        }
        String env = System.getenv("LABSCALE_S3PROXY_JAR");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath();
            }
            looked.add(p + " (environment variable LABSCALE_S3PROXY_JAR)");
        }
        Optional<Path> lib = libBesideOurCode();
        if (lib.isPresent()) {
            Optional<Path> found = findIn(lib.get());
            if (found.isPresent()) {
                return found.get();
            }
            looked.add(lib.get().resolve("s3proxy-*-jar-with-dependencies.jar").toString());
        }
        Path repo = localRepository().resolve("org/gaul/s3proxy/" + VERSION + "/" + FILE_NAME);
        if (Files.isRegularFile(repo)) {
            return repo;
        }
        looked.add(repo.toString());
        throw new IllegalStateException("Cannot find the S3Proxy jar. Looked in:\n  " + String.join("\n  ", looked)
                + "\nBuild the launcher (./mvnw -pl launcher install) or set LABSCALE_S3PROXY_JAR.");
    }

    /** {@code maven.repo.local}, else {@code ~/.m2/repository}. */
    static Path localRepository() {
        String repo = System.getProperty("maven.repo.local");
        if (repo != null && !repo.isBlank()) {
            return Path.of(repo);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** {@code lib/} beside the launcher jar, or {@code target/lib} beside {@code target/classes}. */
    static Optional<Path> libBesideOurCode() {
        try {
            CodeSource cs = S3ProxyJar.class.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) {
                return Optional.empty();
            }
            Path here = Path.of(cs.getLocation().toURI());
            Path parent = here.toAbsolutePath().getParent();
            return parent == null ? Optional.empty() : Optional.of(parent.resolve("lib"));
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> findIn(Path dir) {
        if (Files.isRegularFile(dir.resolve(FILE_NAME))) {
            return Optional.of(dir.resolve(FILE_NAME));
        }
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "s3proxy-*-jar-with-dependencies.jar")) {
            for (Path p : ds) {
                return Optional.of(p);
            }
        } catch (IOException ignored) {
            // unreadable: fall through to the next place
        }
        return Optional.empty();
    }
}
