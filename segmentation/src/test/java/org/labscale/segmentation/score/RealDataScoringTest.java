package org.labscale.segmentation.score;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageFile;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageReader;
import org.labscale.imaging.preview.PercentileStretch;
import org.labscale.segmentation.postprocess.AdaptiveThreshold;
import org.labscale.segmentation.postprocess.HoleFilling;
import org.labscale.segmentation.postprocess.InteriorThreshold;
import org.labscale.segmentation.postprocess.CellFilter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Scoring and post-processing on the real nuclei of the shared data folder (system property
 * {@code labscale.data.dir}; skipped with a message when absent): every reference scores 1 against itself (binary
 * masks split into their components, instance masks as they are), and classical thresholds of the contrast-stretched
 * image, used as a stand-in for a net's interior probability, score far below 1 (what a trained net is for), with the
 * local threshold doing better than the global one on the unevenly bright GOWT1 nuclei. Measured on 2026-11-25: GOWT1
 * (124 nuclei) global J 0.245, adaptive J 0.715 (F1 0.14: many fragments); NIH-3T3 (620 nuclei) global J 0.164,
 * adaptive J 0.566.
 */
class RealDataScoringTest {

    private static Path data;

    @BeforeAll
    static void locate() {
        data = Path.of(System.getProperty("labscale.data.dir", "../../shared/data")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(data.resolve("nuclei")),
                "real data not found at " + data + "; set -Dlabscale.data.dir=... to run these tests");
    }

    @Test
    void gowt1InstanceMasksShouldScoreThemselvesOneAndAdaptiveThresholdShouldBeatAGlobalOne() throws Exception {
        double[] jaccard = scoreFolder("gowt1-gfp", ReferenceCells.Kind.INSTANCE_MASK);
        assertTrue(jaccard[0] > 0.1 && jaccard[0] < 0.8, "global threshold: " + jaccard[0]);
        assertTrue(jaccard[1] > jaccard[0], "local threshold " + jaccard[1] + " vs global " + jaccard[0]);
    }

    @Test
    void nih3t3BinaryMasksShouldBeSplitIntoNucleiAndScoreThemselvesOne() throws Exception {
        double[] jaccard = scoreFolder("nih3t3-hoechst", ReferenceCells.Kind.BINARY_MASK);
        assertTrue(jaccard[0] > 0.1 && jaccard[0] < 0.95, "global threshold: " + jaccard[0]);
    }

    /** Pooled mean per-cell Jaccard of {global threshold, adaptive threshold} over the folder's images. */
    private static double[] scoreFolder(String name, ReferenceCells.Kind kind) throws Exception {
        Path folder = data.resolve("nuclei").resolve(name);
        List<ImageScores> global = new ArrayList<>();
        List<ImageScores> local = new ArrayList<>();
        List<Path> images;
        try (Stream<Path> files = Files.list(folder.resolve("images"))) {
            images = files.sorted().toList();
        }
        for (Path image : images) {
            Path maskFile = folder.resolve("masks").resolve(image.getFileName());
            if (!Files.exists(maskFile)) {
                continue;
            }
            LabelImage reference = ReferenceCells.of(new LabelImageReader().read(maskFile), kind);
            ImageScores self = InstanceScoring.score(reference, reference);
            assertEquals(1.0, self.meanJaccard(), 1e-12, image.toString());
            assertEquals(1.0, self.f1(), 1e-12);
            assertEquals(1.0, self.seg(), 1e-12);
            assertTrue(self.referenceCells() >= 10, image + ": " + self.referenceCells() + " nuclei");
            FloatPlane plane;
            try (ImageFile file = ImageFile.open(image, PageMode.CHANNELS)) {
                plane = file.readPlane(0, 0);
            }
            float[] probability = new float[plane.pixels().length];
            byte[] stretched = PercentileStretch.apply(plane.pixels(),
                    PercentileStretch.range(plane.pixels(), 0.5, 99.5));
            for (int i = 0; i < probability.length; i++) {
                probability[i] = (stretched[i] & 0xFF) / 255f;
            }
            CellFilter sizes = CellFilter.sizes(30, Integer.MAX_VALUE);
            int w = plane.width();
            int h = plane.height();
            global.add(InstanceScoring.score(reference,
                    sizes.apply(HoleFilling.fill(new InteriorThreshold(0.5).segment(probability, w, h)))));
            local.add(InstanceScoring.score(reference,
                    sizes.apply(HoleFilling.fill(new AdaptiveThreshold(51, 0.02, 0.05).segment(probability, w, h)))));
        }
        ImageScores g = ImageScores.pool(global);
        ImageScores l = ImageScores.pool(local);
        System.out.printf(Locale.ROOT, "%s: %d images, %d nuclei; global threshold J %.3f D %.3f F1 %.3f SEG %.3f;"
                        + " adaptive J %.3f D %.3f F1 %.3f SEG %.3f%n", name, global.size(), g.referenceCells(),
                g.meanJaccard(), g.meanDice(), g.f1(), g.seg(), l.meanJaccard(), l.meanDice(), l.f1(), l.seg());
        return new double[]{g.meanJaccard(), l.meanJaccard()};
    }
}
