package org.labscale.tracking;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.tracking.ctc.CtcMeasures;
import org.labscale.tracking.ctc.CtcResultWriter;
import org.labscale.tracking.ctc.CtcSequence;
import org.labscale.tracking.link.TrackerSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tracking-only check on the Cell Tracking Challenge's ground truth in {@code shared/data/tracking}: the reference
 * markers of every frame (with their labels scrambled away, so nothing but positions and areas reach the tracker) are
 * tracked with the nuclei defaults, written in the CTC result format, read back and scored against the reference.
 * Skips when the data is absent ({@code -Dlabscale.data.dir=...}).
 */
class GroundTruthTrackingTest {

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gowt1-02, 0", "simplus-02, 7"})
    void shouldTrackTheReferenceMarkersWithTraAbove095(String sequence, int divisions) throws IOException {
        Path dir = Path.of(System.getProperty("labscale.data.dir", "../../shared/data"), "tracking", sequence);
        assumeTrue(Files.isRegularFile(dir.resolve("TRA/man_track.txt")),
                "CTC ground truth not found at " + dir.toAbsolutePath() + "; set -Dlabscale.data.dir=... to run");
        CtcSequence reference = CtcSequence.readReference(dir);

        List<LabelFrame> frames = new ArrayList<>();
        for (int t = 0; t < reference.frames().size(); t++) {
            frames.add(LabelFrame.of(t, scramble(reference.frames().get(t))));
        }
        TrackingResult result = Tracker.track(frames, TrackerSettings.nuclei());
        CtcResultWriter.write(out, result, frames);
        CtcMeasures.TrackingScores scores = CtcMeasures.tracking(reference, CtcSequence.readResult(out));

        System.out.printf("%s: TRA %.4f DET %.4f AOGM %.1f / %.1f %s, %d tracks, %d divisions%n", sequence,
                scores.tra(), scores.det(), scores.aogm(), scores.aogmEmpty(), scores.operations(),
                result.lineage().tracks().size(), result.lineage().divisions());
        assertEquals(1.0, scores.det(), "every marker is its own object, so detection is perfect");
        assertTrue(scores.tra() >= 0.95, "TRA " + scores.tra());
        assertTrue(result.lineage().divisions() >= divisions * 0.7,
                "found " + result.lineage().divisions() + " of " + divisions + " divisions");
    }

    /** The same objects under other labels (reversed order), so that equal labels cannot carry identity. */
    private static LabelImage scramble(LabelImage markers) {
        int[] labels = markers.toArray();
        int max = markers.maxLabel();
        for (int p = 0; p < labels.length; p++) {
            if (labels[p] > 0) {
                labels[p] = max + 1 - labels[p];
            }
        }
        return LabelImage.of(markers.width(), markers.height(), labels);
    }
}
