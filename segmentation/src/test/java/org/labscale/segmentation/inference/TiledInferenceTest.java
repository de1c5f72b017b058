package org.labscale.segmentation.inference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.imaging.FloatPlane;
import org.labscale.segmentation.ProbabilityMaps;
import org.labscale.segmentation.SegmentationException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TiledInferenceTest {

    private static final List<String> TWO = List.of("phase", "nuclear");
    private static final InferenceSettings ONE_THREAD = new InferenceSettings(1, 512, false, 0, 1, false);

    @TempDir
    Path dir;

    @Test
    void tilesWithAHaloShouldEqualTheWholeImageOnAnImageThatIsNotAMultipleOfTheTile() throws Exception {
        List<ModelMember> members = TestModels.write(dir, TestModels.TINY, TWO, TestModels.THREE, 2, 7);
        List<FloatPlane> image = List.of(TestModels.image(45, 37, 0), TestModels.image(45, 37, 1));
        ProbabilityMaps whole;
        try (EnsembleModel model = EnsembleModel.open(members, ONE_THREAD.withTileSize(64))) {
            whole = new TiledInference(model).run(image);
        }
        for (InferenceSettings tiled : List.of(ONE_THREAD.withTileSize(16), ONE_THREAD.withTileSize(16)
                .withBatchTiles(3), ONE_THREAD.withTileSize(20))) {
            try (EnsembleModel model = EnsembleModel.open(members, tiled)) {
                ProbabilityMaps maps = new TiledInference(model).run(image);
                assertTrue(maxAbsDiff(whole, maps) <= 1e-5, "tile " + tiled.tileSize() + ", batch "
                        + tiled.batchTiles() + ": max |diff| " + maxAbsDiff(whole, maps));
            }
        }
        // Probabilities: a softmax per pixel, not constant over the image (a broken halo would still sum to 1).
        float min = 1;
        float max = 0;
        for (int i = 0; i < 45 * 37; i++) {
            float sum = whole.planes()[0][i] + whole.planes()[1][i] + whole.planes()[2][i];
            assertEquals(1.0, sum, 1e-5);
            min = Math.min(min, whole.planes()[2][i]);
            max = Math.max(max, whole.planes()[2][i]);
        }
        assertTrue(max - min > 0.01, "interior varies over the image: " + min + ".." + max);
    }

    @Test
    void shouldAverageTheMembersSoftmaxMapsInSeparateSessionsOrOneFusedGraph() throws Exception {
        List<ModelMember> members = TestModels.write(dir, TestModels.TINY, TWO, TestModels.THREE, 2, 11);
        List<FloatPlane> image = List.of(TestModels.image(30, 24, 0), TestModels.image(30, 24, 1));
        float[][] a;
        float[][] b;
        float[][] both;
        try (EnsembleModel m = EnsembleModel.open(members.subList(0, 1), ONE_THREAD)) {
            a = new TiledInference(m).run(image).planes();
        }
        try (EnsembleModel m = EnsembleModel.open(members.subList(1, 2), ONE_THREAD)) {
            b = new TiledInference(m).run(image).planes();
        }
        try (EnsembleModel m = EnsembleModel.open(members, ONE_THREAD)) {
            assertEquals(2, m.members());
            both = new TiledInference(m).run(image).planes();
        }
        float[][] fused;
        try (EnsembleModel m = EnsembleModel.open(members, ONE_THREAD.withFusedMembers(true))) {
            assertEquals(2, m.members());
            fused = new TiledInference(m).run(image).planes();
        }
        float largest = 0;
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < a[k].length; i++) {
                assertEquals((a[k][i] + b[k][i]) / 2, both[k][i], 1e-6);
                assertEquals(both[k][i], fused[k][i], 1e-6, "one fused graph averages as separate sessions do");
                largest = Math.max(largest, Math.abs(a[k][i] - b[k][i]));
            }
        }
        assertTrue(largest > 0.01, "the two members differ, so the test can tell an average from a copy");
    }

    @Test
    void shouldRefuseATamperedMemberBeforeLoadingIt() throws Exception {
        List<ModelMember> members = TestModels.write(dir, TestModels.TINY, TWO, TestModels.THREE, 2, 3);
        Path file = members.get(1).file();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 10] ^= 1;
        Files.write(file, bytes);
        SegmentationException e = assertThrows(SegmentationException.class,
                () -> EnsembleModel.open(members, ONE_THREAD));
        assertEquals(SegmentationException.MODEL_TAMPERED, e.code());
        assertTrue(e.getMessage().contains(file.getFileName().toString()) && e.getMessage().contains("altered"),
                e.getMessage());
    }

    @Test
    void shouldRefuseMembersThatDisagreeOnTheirClasses() throws Exception {
        ModelMember three = TestModels.write(dir, TestModels.TINY, TWO, TestModels.THREE, 1, 1).get(0);
        ModelMember four = TestModels.write(dir, TestModels.TINY, TWO, List.of("background", "boundary",
                "interior:A", "interior:B"), 1, 2).get(0);
        SegmentationException e = assertThrows(SegmentationException.class,
                () -> EnsembleModel.open(List.of(three, four), ONE_THREAD));
        assertEquals(SegmentationException.MODEL_INCOMPATIBLE, e.code());
    }

    @Test
    void shouldFailClearlyForWrongChannelsOrATooSmallImage() throws Exception {
        List<ModelMember> members = TestModels.write(dir, TestModels.TINY, TWO, TestModels.THREE, 1, 5);
        try (EnsembleModel model = EnsembleModel.open(members, ONE_THREAD)) {
            SegmentationException channels = assertThrows(SegmentationException.class,
                    () -> new TiledInference(model).run(List.of(TestModels.image(20, 20, 0))));
            assertEquals(SegmentationException.CHANNELS_MISMATCH, channels.code());
            SegmentationException small = assertThrows(SegmentationException.class,
                    () -> new TiledInference(model).run(List.of(TestModels.image(6, 30, 0),
                            TestModels.image(6, 30, 1))));
            assertEquals(SegmentationException.IMAGE_TOO_SMALL, small.code());
            assertTrue(small.getMessage().contains("6 x 30"), small.getMessage());
        }
        assertArrayEquals(new int[]{2, 0}, ChannelMapping.indices(TWO, Map.of("phase", 2, "nuclear", 0), 3));
        assertArrayEquals(new int[]{0, 1}, ChannelMapping.indices(TWO, null, 2));
        assertEquals(SegmentationException.CHANNELS_MISMATCH, assertThrows(SegmentationException.class,
                () -> ChannelMapping.indices(TWO, null, 1)).code());
        assertEquals(SegmentationException.CHANNELS_MISMATCH, assertThrows(SegmentationException.class,
                () -> ChannelMapping.indices(TWO, Map.of("dapi", 0), 2)).code());
    }

    @Test
    void shouldStopBetweenTilesWhenCancelled() throws Exception {
        List<ModelMember> members = TestModels.write(dir, TestModels.TINY, TWO, TestModels.THREE, 1, 13);
        List<FloatPlane> image = List.of(TestModels.image(64, 64, 0), TestModels.image(64, 64, 1));
        int[] asked = {0};
        try (EnsembleModel model = EnsembleModel.open(members, ONE_THREAD.withTileSize(16))) {
            assertThrows(java.util.concurrent.CancellationException.class,
                    () -> new TiledInference(model, () -> ++asked[0] > 2).run(image));
        }
        assertEquals(3, asked[0], "asked before each tile, stopped at the third of 16");
    }

    @Test
    void shouldFallBackToTheCpuWithAReasonWhenCudaIsMissing() throws Exception {
        List<ModelMember> members = TestModels.write(dir, TestModels.TINY, TWO, TestModels.THREE, 1, 9);
        try (EnsembleModel model = EnsembleModel.open(members, ONE_THREAD.withCuda(true))) {
            // This build carries the CPU runtime (no -Pcuda): the reason is the missing provider.
            assertTrue(model.device().startsWith("CPU (") || model.device().startsWith("CUDA:"), model.device());
            if (model.device().startsWith("CPU")) {
                assertTrue(model.device().contains("CUDA"), model.device());
            }
            assertEquals(3, new TiledInference(model).run(List.of(TestModels.image(20, 20, 0),
                    TestModels.image(20, 20, 1))).planes().length);
        }
    }

    private static double maxAbsDiff(ProbabilityMaps a, ProbabilityMaps b) {
        double max = 0;
        for (int k = 0; k < a.planes().length; k++) {
            for (int i = 0; i < a.planes()[k].length; i++) {
                max = Math.max(max, Math.abs(a.planes()[k][i] - b.planes()[k][i]));
            }
        }
        return max;
    }
}
