package org.labscale.tracking;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.tracking.ctc.CtcMeasures;
import org.labscale.tracking.ctc.CtcResultWriter;
import org.labscale.tracking.ctc.CtcSequence;
import org.labscale.tracking.link.TrackerSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The divisions of Fluo-N2DH-SIM+ 02 (frames 0-39: six) on Labscale's own segmentation, saved once from the slow
 * it-test (test resource {@code simplus-02-labscale}, see its README), tracked again here and scored against the CTC
 * reference (TRA, DET, and SEG on the reference segmentations of frames 0-39). TrackMate's LAP steps alone find 2
 * (TRA 0.9686, as the job measured); with the nuclei preset's {@link org.labscale.tracking.link.DivisionRecovery} all
 * 6 (5 within its 30 px; mother 3's daughters come apart 31 px from their merged blob's centroid, within 1.25 of its
 * equivalent radii), but late: for 2-4 frames the segmentation kept the daughters as one object. Parting them
 * ({@link org.labscale.tracking.daughters.MergedDaughters}, 9 frames) moves the divisions to where they happened and
 * gives back the merged frames' objects: splits 16 -> 5, missing edges 40 -> 10, TRA 0.9692 -> 0.9910, DET 0.9797 ->
 * 0.9935, SEG 0.635 -> 0.652. Skips without the reference.
 */
class SimplusDivisionsTest {

    @TempDir
    Path out;

    @ParameterizedTest(name = "division recovery {0}, merged daughters parted over {1} frames")
    @CsvSource({"false, 0, 2, 0.9686, 0.9797, 0.6350", "true, 0, 6, 0.9692, 0.9797, 0.6350",
            "true, 5, 6, 0.9910, 0.9935, 0.6519"})
    void shouldFindTheDivisionsOfTheSavedSegmentation(boolean recovery, int mergedFrames, int divisions, double tra,
                                                      double det, double seg) throws Exception {
        Path reference = Path.of(System.getProperty("labscale.data.dir", "../../shared/data"), "tracking",
                "simplus-02");
        assumeTrue(Files.isRegularFile(reference.resolve("TRA/man_track.txt")),
                "SIM+ ground truth not found at " + reference.toAbsolutePath() + "; set -Dlabscale.data.dir=...");
        List<LabelImage> masks = CtcSequence.readMasks(Path.of(getClass().getResource("/simplus-02-labscale")
                .toURI()), "mask");
        List<LabelFrame> frames = new ArrayList<>();
        for (int t = 0; t < masks.size(); t++) {
            frames.add(LabelFrame.of(t, masks.get(t)));
        }
        TrackerSettings settings = TrackerSettings.nuclei().withDivisionRecovery(recovery)
                .withMergedDaughterFrames(mergedFrames);
        TrackingResult result = Tracker.track(frames, settings);
        CtcResultWriter.write(out, result, frames);
        CtcSequence truth = CtcSequence.readReference(reference).firstFrames(frames.size());
        CtcSequence written = CtcSequence.readResult(out);
        CtcMeasures.TrackingScores scores = CtcMeasures.tracking(truth, written);
        Map<Integer, LabelImage> segReference = new TreeMap<>(CtcSequence.readSegmentationReference(reference));
        segReference.keySet().removeIf(t -> t >= frames.size());
        double segScore = CtcMeasures.seg(segReference, written.frames());

        System.out.printf("SIM+ 02 frames 0-39, saved segmentation, recovery %s, parting %d: TRA %.4f DET %.4f SEG %.4f"
                + " %s, %d divisions, %d parted frames%n", recovery, mergedFrames, scores.tra(), scores.det(),
                segScore, scores.operations(), result.lineage().divisions(), result.maskEdits().frames().size());
        assertEquals(40, frames.size());
        assertEquals(divisions, result.lineage().divisions());
        assertEquals(tra, scores.tra(), 1e-4);
        assertEquals(det, scores.det(), 1e-4);
        assertEquals(seg, segScore, 1e-3);
    }
}
