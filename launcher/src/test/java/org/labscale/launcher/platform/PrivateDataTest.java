package org.labscale.launcher.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the local platform keeps is its user's only: a private S3 bucket that answers browsers only from the web UI's
 * origin, and data, logs and secrets that other users of the machine cannot read, also when an older start left them
 * readable.
 */
class PrivateDataTest {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS_READ_WRITE = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldRefuseAnonymousListingAndForeignOriginsButServePresignedUrls() throws Exception {
        PlatformConfig cfg = PlatformTest.config(tmp, tmp.resolve("data"));
        Platform platform = new Platform(cfg, ctx -> List.of(), new PrintWriter(new StringWriter()));
        try {
            platform.start();
            Secrets secrets = platform.context().orElseThrow().secrets();
            MinioClient s3 = MinioClient.builder().endpoint(cfg.s3Endpoint()).region(cfg.s3Region())
                    .credentials(secrets.s3AccessKey(), secrets.s3SecretKey()).build();
            byte[] body = "labs/a/images/b".getBytes(StandardCharsets.UTF_8);
            String put = s3.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.PUT)
                    .bucket(cfg.bucket()).object("labs/a/original.tif").expiry(600).build());
            String get = s3.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.GET)
                    .bucket(cfg.bucket()).object("labs/a/original.tif").expiry(600).build());

            String ui = "http://localhost:" + cfg.uiPort();
            HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(URI.create(put)).header("Origin", ui)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, uploaded.statusCode(), uploaded.body());
            assertEquals(List.of(ui), uploaded.headers().allValues("Access-Control-Allow-Origin"));
            HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(URI.create(get)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, fetched.statusCode());
            assertArrayEquals(body, fetched.body());

            // Anonymous: no listing, no object.
            String bucketUrl = cfg.s3Endpoint() + "/" + cfg.bucket();
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(bucketUrl + "?list-type=2"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, list.statusCode(), list.body());
            assertFalse(list.body().contains("labs/a"), list.body());
            assertEquals(403, http.send(HttpRequest.newBuilder(URI.create(bucketUrl + "/labs/a/original.tif"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode());

            // A page from another origin gets no CORS grant, neither on a preflight nor on a (signed) read.
            String foreign = "http://evil.example";
            HttpResponse<Void> preflight = http.send(HttpRequest.newBuilder(URI.create(put))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", foreign)
                    .header("Access-Control-Request-Method", "PUT").build(), HttpResponse.BodyHandlers.discarding());
            assertTrue(preflight.headers().allValues("Access-Control-Allow-Origin").isEmpty(),
                    preflight.headers().map().toString());
            HttpResponse<Void> read = http.send(HttpRequest.newBuilder(URI.create(get)).header("Origin", foreign)
                    .build(), HttpResponse.BodyHandlers.discarding());
            assertTrue(read.headers().allValues("Access-Control-Allow-Origin").isEmpty(), read.headers().map().toString());
            HttpResponse<Void> listFromPage = http.send(HttpRequest.newBuilder(URI.create(bucketUrl + "?list-type=2"))
                    .header("Origin", foreign).build(), HttpResponse.BodyHandlers.discarding());
            assertTrue(listFromPage.headers().allValues("Access-Control-Allow-Origin").isEmpty());
            // The web UI's origin may upload (preflight for PUT with a content type).
            HttpResponse<Void> uiPreflight = http.send(HttpRequest.newBuilder(URI.create(put))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", ui)
                    .header("Access-Control-Request-Method", "PUT")
                    .header("Access-Control-Request-Headers", "content-type").build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(200, uiPreflight.statusCode());
            assertEquals(List.of(ui), uiPreflight.headers().allValues("Access-Control-Allow-Origin"));

            assertPrivate(cfg.dataDir());
        } finally {
            platform.stop();
        }
    }

    @Test
    void shouldMakeDataLeftReadableByAnEarlierStartPrivate() throws Exception {
        Path data = tmp.resolve("data");
        PlatformConfig cfg = PlatformTest.config(tmp, data);
        Path bucket = Files.createDirectories(data.resolve("s3").resolve(cfg.bucket()).resolve("labs/x"));
        Path object = Files.writeString(bucket.resolve("original.tif"), "pixels");
        Path log = Files.writeString(Files.createDirectories(data.resolve("logs")).resolve("platform-api.log"), "old");
        Path password = Files.writeString(data.resolve("admin-password.txt"), "secret\n");
        for (Path p : List.of(data, data.resolve("s3"), data.resolve("s3").resolve(cfg.bucket()), bucket,
                data.resolve("logs"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (Path p : List.of(object, log, password)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Platform platform = new Platform(cfg, new FakeApps(), new PrintWriter(new StringWriter()));
        try {
            platform.start();
            assertPrivate(data);
            // what the children wrote since is private too (their umask): logs, the fake API's password file
            assertEquals("rw-------", mode(data.resolve("logs/gpu-worker.log")));
            assertEquals("rw-------", mode(password));
        } finally {
            platform.stop();
        }
    }

    /** No file or folder under {@code root} (PostgreSQL's own folder aside) is readable or writable by others. */
    private static void assertPrivate(Path root) throws Exception {
        Path pg = root.resolve("postgres");
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(p -> !p.startsWith(pg) || p.equals(pg)).toList()) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                assertTrue(perms.stream().noneMatch(GROUP_OR_OTHERS_READ_WRITE::contains),
                        root.relativize(p) + " is " + PosixFilePermissions.toString(perms));
                if (Files.isRegularFile(p)) {
                    assertEquals("rw-------", PosixFilePermissions.toString(perms), root.relativize(p).toString());
                }
            }
        }
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
