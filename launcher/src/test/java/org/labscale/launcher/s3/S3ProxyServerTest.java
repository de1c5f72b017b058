package org.labscale.launcher.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.launcher.net.Ports;

class S3ProxyServerTest {

    @TempDir
    Path tmp;

    @Test
    void shouldServeBucketsObjectsAndPresignedUrls() throws Exception {
        long t0 = System.nanoTime();
        try (S3ProxyServer s3 = S3ProxyServer.start(tmp.resolve("s3"), Ports.findFreePort(), "labscale-test",
                "secret-" + System.nanoTime())) {
            System.out.printf("S3Proxy start took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            MinioClient minio = MinioClient.builder().endpoint(s3.endpoint()).region(s3.region())
                    .credentials(s3.accessKey(), s3.secretKey()).build();

            minio.makeBucket(MakeBucketArgs.builder().bucket("labscale").build());
            assertTrue(minio.bucketExists(BucketExistsArgs.builder().bucket("labscale").build()));
            assertTrue(Files.isDirectory(tmp.resolve("s3/labscale")), "a bucket is a folder on disk");

            byte[] tiff = "II*\0 not really a TIFF".getBytes(StandardCharsets.ISO_8859_1);
            minio.putObject(PutObjectArgs.builder().bucket("labscale").object("lab-1/raw/a.tif")
                    .stream(new ByteArrayInputStream(tiff), tiff.length, -1).contentType("image/tiff").build());
            try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket("labscale")
                    .object("lab-1/raw/a.tif").build())) {
                assertArrayEquals(tiff, in.readAllBytes());
            }

            // presigned PUT and GET over plain HTTP, as a browser or the worker would use them
            String putUrl = minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.PUT)
                    .bucket("labscale").object("lab-1/raw/b.tif").expiry(10, TimeUnit.MINUTES).build());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(putUrl))
                    .PUT(HttpRequest.BodyPublishers.ofString("second image")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, put.statusCode(), put.body());
            String getUrl = minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.GET)
                    .bucket("labscale").object("lab-1/raw/b.tif").expiry(10, TimeUnit.MINUTES).build());
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(getUrl)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, get.statusCode());
            assertEquals("second image", get.body());

            List<String> names = new ArrayList<>();
            for (Result<Item> r : minio.listObjects(ListObjectsArgs.builder().bucket("labscale")
                    .prefix("lab-1/").recursive(true).build())) {
                names.add(r.get().objectName());
            }
            assertEquals(List.of("lab-1/raw/a.tif", "lab-1/raw/b.tif"), names);

            minio.removeObject(RemoveObjectArgs.builder().bucket("labscale").object("lab-1/raw/a.tif").build());
            var gone = assertThrows(ErrorResponseException.class, () -> minio.getObject(GetObjectArgs.builder()
                    .bucket("labscale").object("lab-1/raw/a.tif").build()).close());
            assertEquals("NoSuchKey", gone.errorResponse().code());

            MinioClient wrongKey = MinioClient.builder().endpoint(s3.endpoint()).region(s3.region())
                    .credentials(s3.accessKey(), "not-the-secret").build();
            var denied = assertThrows(ErrorResponseException.class,
                    () -> wrongKey.bucketExists(BucketExistsArgs.builder().bucket("labscale").build()));
            assertEquals(403, denied.response().code());
        }
    }

    @Test
    void shouldStopTheChildJvmAndDeleteTheEphemeralFolder() {
        S3ProxyServer s3 = S3ProxyServer.startEphemeral();
        Path data = s3.dataDir();
        int port = s3.port();
        ProcessHandle child = s3.process().handle();
        assertTrue(ProcessHandle.current().children().anyMatch(c -> c.pid() == child.pid()));
        s3.stop();
        assertFalse(child.isAlive());
        assertFalse(Ports.isInUse(port));
        assertFalse(Files.exists(data));
    }

    @Test
    void shouldLocateTheJarThroughTheSystemProperty() {
        Path jar = S3ProxyJar.locate();
        assertTrue(Files.isRegularFile(jar), jar.toString());
        assertTrue(jar.getFileName().toString().startsWith("s3proxy-"), jar.toString());
    }
}
