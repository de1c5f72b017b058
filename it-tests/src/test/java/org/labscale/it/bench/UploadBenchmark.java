package org.labscale.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;

/**
 * Upload throughput of a 1 GiB TIFF through the API (streaming multipart, and presigned PUT + confirm), and the
 * API's heap while it streams. Run with {@code ./mvnw -pl it-tests verify -Pbenchmarks}; results are printed and
 * written to {@code it-tests/target/benchmarks/upload.md}. A benchmark, not a timed test: it asserts only success.
 */
class UploadBenchmark {

    private static final long MIB = 1024 * 1024;

    @Test
    void uploadOneGibibyteTiff() throws Exception {
        int side = Integer.getInteger("labscale.bench.upload.side", 23_170); // 23,170^2 x 2 bytes = 1.0 GiB
        LocalPlatform platform = LocalPlatform.get();
        Person user = Lab.person(platform, "Benchmarker");
        UUID lab = Lab.createLab(user, "Benchmark lab");
        UUID project = Lab.createProject(user, lab, "Large uploads");

        Path tiff = Files.createTempFile("labscale-bench", ".tif");
        try {
            long t0 = System.nanoTime();
            LargeTiffWriter.write(tiff, side, side);
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            long size = Files.size(tiff);

            StringBuilder report = new StringBuilder();
            report.append(String.format(Locale.ROOT, "Test file: %d x %d 16-bit uncompressed TIFF, %.2f GiB (written in %.1f s)%n%n",
                    side, side, size / (double) (1024 * MIB), writeSeconds));
            report.append("| path | seconds | MiB/s | heap before | heap peak | heap growth | old gen before | old gen peak | old gen growth |\n"
                    + "|---|---|---|---|---|---|---|---|---|\n");
            report.append(measure("multipart", platform, size, () -> multipart(platform, user, project, tiff)));
            report.append(measure("presigned PUT + confirm", platform, size, () -> presigned(platform, user, project, tiff)));
            report.append(String.format(Locale.ROOT, "%nAPI JVM options: %s%n",
                    System.getProperty("labscale.it.api-java-opts", "(defaults)")));

            System.out.println(report);
            Path out = Path.of("target", "benchmarks", "upload.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report.toString());
        } finally {
            Files.deleteIfExists(tiff);
        }
    }

    private interface Upload {
        void run() throws Exception;
    }

    private static String measure(String name, LocalPlatform platform, long size, Upload upload) throws Exception {
        try (HeapSampler heap = new HeapSampler(platform.apiMetricsUrl())) {
            HeapSampler.Sample before = heap.sample();
            heap.start();
            long t0 = System.nanoTime();
            upload.run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long peak = Math.max(heap.peak(), before.heap());
            long oldPeak = Math.max(heap.oldGenPeak(), before.oldGen());
            return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %d MiB | %d MiB | %d MiB | %d MiB | %d MiB | %d MiB |%n",
                    name, seconds, size / (double) MIB / seconds, before.heap() / MIB, peak / MIB,
                    (peak - before.heap()) / MIB, before.oldGen() / MIB, oldPeak / MIB, (oldPeak - before.oldGen()) / MIB);
        }
    }

    /** Streams the file as multipart/form-data without holding it in memory; answers the image's JSON. */
    static String multipart(LocalPlatform platform, Person user, UUID project, Path file) throws IOException, InterruptedException {
        String boundary = "labscale-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"large.tif\"\r\n"
                + "Content-Type: image/tiff\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        long length = head.length + Files.size(file) + tail.length;
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.apiUrl() + "/api/v1/projects/" + project + "/images"))
                .header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(20))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return new SequenceInputStream(java.util.Collections.enumeration(List.<InputStream>of(
                                new ByteArrayInputStream(head), Files.newInputStream(file), new ByteArrayInputStream(tail))));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }), length)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return response.body();
    }

    private static void presigned(LocalPlatform platform, Person user, UUID project, Path file) throws IOException, InterruptedException {
        Map<String, Object> ticket = user.as().body(Map.of("fileName", "large.tif", "sizeBytes", Files.size(file)))
                .post("/api/v1/projects/{p}/uploads", project).then().statusCode(201).extract().as(Map.class);
        HttpRequest put = HttpRequest.newBuilder(URI.create((String) ticket.get("url")))
                .timeout(Duration.ofMinutes(20)).PUT(HttpRequest.BodyPublishers.ofFile(file)).build();
        HttpResponse<String> stored = HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stored.statusCode(), stored.body());
        user.as().body(Map.of("name", "large-presigned.tif"))
                .post("/api/v1/uploads/{id}/complete", ticket.get("uploadId")).then().statusCode(201);
    }
}
