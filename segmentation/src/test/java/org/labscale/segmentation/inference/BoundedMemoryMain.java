package org.labscale.segmentation.inference;

import org.labscale.imaging.FloatPlane;
import org.labscale.segmentation.ProbabilityMaps;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Child-JVM entry of {@link BoundedMemoryTest}: segments a {@code side x side} one-channel image with the tiny net in
 * tiles of the given size and prints {@code OK <peak heap MiB>}, or {@code OOM} when the heap runs out.
 */
public final class BoundedMemoryMain {

    private BoundedMemoryMain() {
    }

    public static void main(String[] args) throws Exception {
        int side = Integer.parseInt(args[0]);
        int tile = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("bounded-memory");
        try {
            List<ModelMember> members = TestModels.write(dir, TestModels.TINY, List.of("nuclear"), TestModels.THREE, 1,
                    1);
            float[] pixels = new float[side * side];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = 100 + (i * 31 % 97);
            }
            try (EnsembleModel model = EnsembleModel.open(members, new InferenceSettings(2, tile, false, 0, 1, false))) {
                ProbabilityMaps maps = new TiledInference(model).run(List.of(new FloatPlane(side, side, pixels)));
                long peak = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        peak += pool.getPeakUsage().getUsed();
                    }
                }
                System.out.println("OK " + (peak >> 20) + " " + maps.planes()[2][side * side / 2]);
            } catch (OutOfMemoryError e) {
                System.out.println("OOM");
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }
}
