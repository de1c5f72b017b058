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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The divisions of Fluo-N2DH-SIM+ 02 (frames 0-39: six) on Labscale's own segmentation, saved once from the slow
 * it-test (test resource {@code simplus-02-labscale}, see its README), tracked again here and scored against the CTC
 * reference: TrackMate's LAP steps alone find 2 (TRA 0.9686, as the job measured); with the nuclei preset's
 * {@link org.labscale.tracking.link.DivisionRecovery} 5. Of the six, the merged daughters of mother 3 part 31 px from
 * the merged blob's centroid (beyond the 30 px division distance) three frames late. Skips without the reference.
 */
class SimplusDivisionsTest {

    @TempDir
    Path out;

    @ParameterizedTest(name = "division recovery {0}")
    @CsvSource({"false, 2, 0.9686", "true, 5, 0.9692"})
    void shouldFindTheDivisionsOfTheSavedSegmentation(boolean recovery, int divisions, double tra) throws Exception {
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
        TrackingResult result = Tracker.track(frames, TrackerSettings.nuclei().withDivisionRecovery(recovery));
        CtcResultWriter.write(out, result, frames);
        CtcSequence truth = CtcSequence.readReference(reference).firstFrames(frames.size());
        CtcMeasures.TrackingScores scores = CtcMeasures.tracking(truth, CtcSequence.readResult(out));

        System.out.printf("SIM+ 02 frames 0-39, saved segmentation, recovery %s: TRA %.4f DET %.4f %s, %d divisions%n",
                recovery, scores.tra(), scores.det(), scores.operations(), result.lineage().divisions());
        assertEquals(40, frames.size());
        assertEquals(divisions, result.lineage().divisions());
        assertEquals(tra, scores.tra(), 1e-4);
        assertEquals(0.9797, scores.det(), 1e-4, "the objects are the same either way");
    }
}
