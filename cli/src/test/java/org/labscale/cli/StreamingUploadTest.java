package org.labscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI, as its own JVM with a 32 MiB heap, uploads a 128 MiB file: it can only succeed if the file is streamed,
 * never held in memory. The stub counts the bytes without keeping them.
 */
class StreamingUploadTest {

    static final long SIZE = 128L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void shouldUploadAFileManyTimesLargerThanItsHeap() throws Exception {
        Path big = dir.resolve("big.tif");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(SIZE); // sparse: zeros, no disk used
        }
        MessageDigest zeros = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[1 << 20];
        for (long n = 0; n < SIZE; n += block.length) {
            zeros.update(block);
        }
        String sha = HexFormat.of().formatHex(zeros.digest());
        AtomicLong received = new AtomicLong();
        try (StubApi api = new StubApi()) {
            api.onStream("POST", "/api/v1/projects/" + Fixtures.PROJECT + "/images", (req, ex) -> {
                try (InputStream in = ex.getRequestBody()) {
                    byte[] buf = new byte[1 << 16];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        received.addAndGet(n);
                    }
                }
                StubApi.send(ex, 201, Fixtures.image("big.tif", sha, SIZE));
            });
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                    LabscaleCli.class.getName(), "images", "upload", "--project", Fixtures.PROJECT.toString(),
                    big.toString())).redirectErrorStream(true);
            pb.environment().put("LABSCALE_URL", api.url());
            pb.environment().put("LABSCALE_TOKEN", "lsk_test");
            pb.environment().put("LABSCALE_CLI_CONFIG", dir.resolve("cli.properties").toString());
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));

            assertEquals(0, p.exitValue(), output);
            assertTrue(output.contains(sha), output);
            assertTrue(received.get() > SIZE && received.get() < SIZE + 4096, "multipart envelope + file: " + received);
        }
    }
}
