package org.labscale.segmentation.inference;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The heap bound of tiled inference on a 4096 x 4096 image (one channel, 3 classes): the input plane (64 MiB) and the
 * output maps (3 x 64 MiB) plus at most the median's transient sorted copy (2 x 64 MiB, before the maps exist) or one
 * tile's buffers (a few MiB). A child JVM with {@code -Xmx384m} segments it in 512 px tiles; the same heap cannot do
 * it as one whole-image tile, so the bound comes from tiling.
 */
class BoundedMemoryTest {

    private static final int SIDE = 4096;
    private static final String HEAP = "-Xmx384m";

    @Test
    void shouldSegmentA4096ImageInTilesWithinABoundedHeapThatTheWholeImageExceeds() throws Exception {
        String tiled = child(512);
        assertTrue(tiled.startsWith("OK "), "tiled run: " + tiled);
        long peakMiB = Long.parseLong(tiled.split(" ")[1]);
        assertTrue(peakMiB <= 384, "peak heap " + peakMiB + " MiB");
        assertEquals("OOM", child(SIDE), "one whole-image tile in the same heap");
    }

    private static String child(int tile) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, HEAP, "-XX:MaxDirectMemorySize=256m", "-cp",
                System.getProperty("java.class.path"), BoundedMemoryMain.class.getName(), Integer.toString(SIDE),
                Integer.toString(tile)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child finished");
        List<String> lines = out.lines().filter(l -> l.startsWith("OK") || l.equals("OOM")).toList();
        return lines.isEmpty() ? out : lines.get(lines.size() - 1);
    }
}
