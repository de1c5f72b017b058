package org.labscale.segmentation.inference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageFile;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageReader;
import org.labscale.segmentation.ImageSegmenter;
import org.labscale.segmentation.SegmentationException;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;
import org.labscale.shared.segmentation.SegmentationOutput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageSegmenterTest {

    private static final InferenceSettings SETTINGS = new InferenceSettings(1, 32, false, 0, 1, false);

    @TempDir
    Path dir;

    private static PostProcessing method(PostProcessingMethod method, double threshold) {
        return new PostProcessing(method, threshold, null, null, null, threshold + 0.07, 5, null, null, null, 2, null, null);
    }

    @Test
    void shouldWriteConsistentLabelsProbabilitiesOverlayCsvAndScores() throws Exception {
        List<ModelMember> members = TestModels.write(dir, TestModels.TINY, List.of("phase", "nuclear"),
                TestModels.THREE, 2, 21);
        // The image's channels are [nuclear, phase]: the channel map swaps them for the model.
        List<FloatPlane> image = List.of(TestModels.image(50, 40, 1), TestModels.image(50, 40, 0));
        int[] ref = new int[50 * 40];
        for (int y = 5; y < 15; y++) {
            for (int x = 5; x < 15; x++) {
                ref[y * 50 + x] = 1;
                ref[(y + 20) * 50 + x + 20] = 2;
            }
        }
        LabelImage reference = LabelImage.of(50, 40, ref);
        ImageSegmenter.Result result;
        try (EnsembleModel model = EnsembleModel.open(members, SETTINGS)) {
            // The random net's interior probability: threshold at its 70th percentile, so some cells are found.
            float[] interior = new TiledInference(model).run(List.of(image.get(1), image.get(0))).interior();
            float[] sorted = interior.clone();
            java.util.Arrays.sort(sorted);
            double threshold = sorted[sorted.length * 7 / 10];
            result = new ImageSegmenter(model, null, method(PostProcessingMethod.WATERSHED, threshold))
                    .segment(image, Map.of("phase", 1, "nuclear", 0), EnumSet.allOf(SegmentationOutput.class),
                            reference, dir.resolve("out"));
        }
        Path out = dir.resolve("out");
        assertEquals(List.of("labels.tif", "labels.png", "overlay.png", "probabilities.tif", "cells.csv"),
                result.files());
        LabelImage tif = new LabelImageReader().read(out.resolve("labels.tif"));
        LabelImage png = new LabelImageReader().read(out.resolve("labels.png"));
        assertEquals(tif, png);
        assertEquals(result.cells(), tif.maxLabel());
        assertTrue(result.cells() > 0, "some cells at this threshold");
        List<String> csv = Files.readAllLines(out.resolve("cells.csv"));
        assertEquals(result.cells() + 1, csv.size());
        assertTrue(csv.get(0).contains("mean_phase,integrated_phase,mean_nuclear"), csv.get(0));
        try (ImageFile probabilities = ImageFile.open(out.resolve("probabilities.tif"), PageMode.CHANNELS)) {
            ImageInfo info = probabilities.info();
            assertEquals(3, info.channels());
            assertEquals(50, info.width());
            FloatPlane interior = probabilities.readPlane(2, 0);
            float sum = probabilities.readPlane(0, 0).get(7, 9) + probabilities.readPlane(1, 0).get(7, 9)
                    + interior.get(7, 9);
            assertEquals(1.0, sum, 1e-5);
        }
        assertNotNull(result.scores());
        assertEquals(2, result.scores().referenceCells());
        assertEquals(result.cells(), result.scores().segmentedCells());
        assertEquals("CPU", result.device());
    }

    @Test
    void shouldGrowCytoplasmFromTheNuclearModelsCells() throws Exception {
        List<ModelMember> cytoplasm = TestModels.write(dir, TestModels.TINY, List.of("phase", "nuclear"),
                TestModels.THREE, 1, 31);
        List<ModelMember> nuclear = TestModels.write(dir, TestModels.TINY, List.of("nuclear"), TestModels.THREE, 1,
                41);
        List<FloatPlane> image = List.of(TestModels.image(40, 40, 0), TestModels.image(40, 40, 1));
        try (EnsembleModel c = EnsembleModel.open(cytoplasm, SETTINGS);
             EnsembleModel n = EnsembleModel.open(nuclear, SETTINGS)) {
            ImageSegmenter.Result r = new ImageSegmenter(c, n, method(PostProcessingMethod.ACTIVE_CONTOURS, 0.33))
                    .segment(image, Map.of("nuclear", 1), EnumSet.of(SegmentationOutput.LABELS_PNG), null,
                            dir.resolve("cyto"));
            assertEquals(List.of("labels.png"), r.files());
            LabelImage cells = new LabelImageReader().read(dir.resolve("cyto/labels.png"));
            assertEquals(r.cells(), cells.maxLabel());
            assertEquals(null, r.scores());
            ImageSegmenter.Result classical = new ImageSegmenter(c, null, method(PostProcessingMethod.ACTIVE_CONTOURS,
                    0.33)).segment(image, Map.of("nuclear", 1), EnumSet.of(SegmentationOutput.LABELS_PNG), null,
                    dir.resolve("classical"));
            assertEquals(List.of("labels.png"), classical.files(), "seeds from the nuclear channel itself");
            SegmentationException e = assertThrows(SegmentationException.class, () -> new ImageSegmenter(c, n,
                    method(PostProcessingMethod.ACTIVE_CONTOURS, 0.5)).segment(image.subList(0, 1), null,
                    EnumSet.of(SegmentationOutput.CSV), null, dir.resolve("x")));
            assertEquals(SegmentationException.CHANNELS_MISMATCH, e.code());
            assertTrue(!Files.exists(dir.resolve("x")), "nothing written for a failed image");
        }
    }

    @Test
    void shouldRefuseActiveContoursWithoutAnySeeds() throws Exception {
        List<ModelMember> phase = TestModels.write(dir, TestModels.TINY, List.of("phase"), TestModels.THREE, 1, 71);
        try (EnsembleModel c = EnsembleModel.open(phase, SETTINGS)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImageSegmenter(c,
                    null, method(PostProcessingMethod.ACTIVE_CONTOURS, 0.5)));
            assertTrue(e.getMessage().contains("'nuclear' channel"), e.getMessage());
        }
    }

    @Test
    void shouldMapARoleOnlyTheNuclearModelReads() throws Exception {
        List<ModelMember> cytoplasm = TestModels.write(dir, TestModels.TINY, List.of("phase"), TestModels.THREE, 1,
                51);
        List<ModelMember> nuclear = TestModels.write(dir, TestModels.TINY, List.of("dapi"), TestModels.THREE, 1, 61);
        List<FloatPlane> image = List.of(TestModels.image(32, 32, 0), TestModels.image(32, 32, 1));
        try (EnsembleModel c = EnsembleModel.open(cytoplasm, SETTINGS);
             EnsembleModel n = EnsembleModel.open(nuclear, SETTINGS)) {
            ImageSegmenter segmenter = new ImageSegmenter(c, n, method(PostProcessingMethod.ACTIVE_CONTOURS, 0.33));
            ImageSegmenter.Result r = segmenter.segment(image, Map.of("dapi", 1),
                    EnumSet.of(SegmentationOutput.LABELS_PNG), null, dir.resolve("dapi"));
            assertEquals(List.of("labels.png"), r.files());
            SegmentationException e = assertThrows(SegmentationException.class, () -> segmenter.segment(image,
                    Map.of("dna", 1), EnumSet.of(SegmentationOutput.LABELS_PNG), null, dir.resolve("dna")));
            assertEquals(SegmentationException.CHANNELS_MISMATCH, e.code());
            assertTrue(e.getMessage().contains("[phase, dapi]"), e.getMessage());
        }
    }
}
