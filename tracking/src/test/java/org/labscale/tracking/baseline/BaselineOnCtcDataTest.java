package org.labscale.tracking.baseline;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageFile;
import org.labscale.tracking.LabelFrame;
import org.labscale.tracking.TrackingResult;
import org.labscale.tracking.ctc.CtcMeasures;
import org.labscale.tracking.ctc.CtcResultWriter;
import org.labscale.tracking.ctc.CtcSequence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The naive baseline (global threshold + greatest-overlap linking) on the raw frames of the CTC sequences in
 * {@code shared/data/tracking}, written in the CTC result format, read back and scored against the reference. The
 * expected scores are the ones {@code docs/accuracy.md} reports for the baseline: the test keeps that row true
 * (the method is deterministic). Skips when the data is absent ({@code -Dlabscale.data.dir=...}).
 */
class BaselineOnCtcDataTest {

    /** The size filter of Labscale's own GOWT1 row in {@code docs/accuracy.md}, so both drop the same debris. */
    private static final int MIN_AREA = 200;

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gowt1-02, 0.3489, 0.3473, 0.4246", "simplus-02, 0.1078, 0.1103, 0.1129"})
    void shouldScoreWhatTheAccuracyPageReports(String sequence, double tra, double det, double seg)
            throws IOException, ImageRejectedException {
        Path dir = Path.of(System.getProperty("labscale.data.dir", "../../shared/data"), "tracking", sequence);
        assumeTrue(Files.isRegularFile(dir.resolve("TRA/man_track.txt")),
                "CTC data not found at " + dir.toAbsolutePath() + "; set -Dlabscale.data.dir=... to run");
        CtcSequence reference = CtcSequence.readReference(dir);
        List<FloatPlane> images = new ArrayList<>();
        for (int t = 0; t < reference.frames().size(); t++) {
            try (ImageFile image = ImageFile.open(dir.resolve(String.format("images/t%03d.tif", t)),
                    PageMode.CHANNELS)) {
                images.add(image.readPlane(0, 0));
            }
        }
        List<LabelFrame> frames = NaiveBaseline.segment(images, MIN_AREA);
        TrackingResult result = NaiveBaseline.track(frames);
        CtcResultWriter.write(out, result, frames);
        CtcSequence written = CtcSequence.readResult(out);
        CtcMeasures.TrackingScores scores = CtcMeasures.tracking(reference, written);
        double segScore = CtcMeasures.seg(CtcSequence.readSegmentationReference(dir), written.frames());

        System.out.printf("baseline %s: TRA %.4f DET %.4f SEG %.4f AOGM %.1f / %.1f %s, %d tracks, %d divisions%n",
                sequence, scores.tra(), scores.det(), segScore, scores.aogm(), scores.aogmEmpty(),
                scores.operations(), result.lineage().tracks().size(), result.lineage().divisions());
        assertEquals(tra, scores.tra(), 0.0005, "TRA");
        assertEquals(det, scores.det(), 0.0005, "DET");
        assertEquals(seg, segScore, 0.0005, "SEG");
    }
}
