package org.labscale.it.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;

/**
 * Issue 19 with divisions: Fluo-N2DH-SIM+ sequence 02 split in time. A tiny nuclear model is trained through the API
 * on the reference segmentations of frames {@value #TRAIN_FROM}-49 (never scored), frames 0-{@value #SCORED_LAST} are
 * uploaded one file per frame and tracked by a TRACKING job with the card's recommended post-processing, and the CTC
 * result is scored against the reference cut to those frames (TRA, DET, SEG, divisions found); the job, given the
 * same reference as annotations of its frames, scores itself to the same values. Skipped, with a
 * message, without {@code ../shared/data}. Slow (training and segmenting 40 frames on the CPU worker).
 */
@Tag("slow")
class SimplusTrackingIT {

    /**
     * Issue 19's target. Measured TRA 0.969 before merged daughters were parted (session 11), 0.991 offline with the
     * parting on the same masks (docs/accuracy.md).
     */
    static final double TRA_FLOOR = 0.95;
    /** Of the 6 divisions: 2 before division recovery, 6 with it offline on the same masks. */
    static final int DIVISIONS_FLOOR = 4;
    static final int TRAIN_FROM = 40;
    static final int SCORED_LAST = 39;

    @TempDir
    Path out;

    @Test
    void shouldTrackTheSimplusSeriesWithItsDivisionsUsingAModelTrainedOnItsLaterFrames() throws Exception {
        Path sequence = Path.of(System.getProperty("labscale.data.dir", "../../shared/data"), "tracking/simplus-02");
        assumeTrue(Files.isRegularFile(sequence.resolve("TRA/man_track.txt")),
                "SIM+ tracking data not found at " + sequence.toAbsolutePath() + "; set -Dlabscale.data.dir to run");
        LocalPlatform platform = LocalPlatform.get();
        platform.ensureJobWorker();
        Person scientist = Lab.person(platform, "Simulated tracker");
        UUID lab = Lab.createLab(scientist, "SIM+ lab");
        UUID project = Lab.createProject(scientist, lab, "SIM+ sequence 02");
        List<Path[]> training = new ArrayList<>();
        for (int t = TRAIN_FROM; t < 50; t++) {
            training.add(new Path[] {sequence.resolve(String.format("images/t%03d.tif", t)),
                    sequence.resolve(String.format("SEG/man_seg%03d.tif", t))});
        }
        TrackingFlow.Trained model = TrackingFlow.train(scientist, lab, project, "SIM+ nuclei", training,
                Map.of("patchesPerEpoch", 4000, "epochs", 2, "ensembleSize", 1, "seed", 19));

        List<String> frames = TrackingFlow.uploadFrames(scientist, project, sequence.resolve("images"),
                SCORED_LAST + 1);
        Map<String, Object> payload = new LinkedHashMap<>(Map.of("imageIds", frames, "modelId", model.modelId(),
                "frameIntervalMinutes", 5));
        if (!model.recommendedPostProcessing().isEmpty()) {
            payload.put("postProcessing", model.recommendedPostProcessing());
        }
        payload.put("groundTruth", TrackingFlow.uploadGroundTruth(scientist, sequence, frames));
        TrackingFlow.Tracked tracked = TrackingFlow.track(scientist, lab, payload);
        Path result = out.resolve("ctc");
        assertEquals(SCORED_LAST + 2, TrackingFlow.writeCtc(tracked.outputs(), result));
        TrackingFlow.keep(result, "simplus-02");

        TrackingFlow.Scores scores = TrackingFlow.score(sequence, result);
        Map<String, Object> selfScored = tracked.ended().job().getMap("result.scores");
        assertEquals(scores.tracking().tra(), ((Number) selfScored.get("TRA")).doubleValue(), 1e-6,
                "the job's own TRA is the one the CTC reference gives");
        assertEquals(scores.tracking().det(), ((Number) selfScored.get("DET")).doubleValue(), 1e-6);
        assertEquals(scores.seg(), ((Number) selfScored.get("SEG")).doubleValue(), 1e-6);
        assertTrue(new String(tracked.outputs().get("scores.csv"), java.nio.charset.StandardCharsets.UTF_8)
                .startsWith("measure,value\nTRA,"));
        System.out.printf("SIM+ 02, frames 0-%d, model trained on frames %d-49 (nuclear-net-fast, 2 x 4000 patches,"
                        + " 1 member), post-processing %s: %s; %s; job %.1f min%n", SCORED_LAST, TRAIN_FROM,
                payload.get("postProcessing"), scores, tracked.ended().job().getMap("result"), tracked.minutes());
        assertTrue(scores.tracking().tra() >= TRA_FLOOR, "TRA " + scores.tracking().tra() + " below the floor "
                + TRA_FLOOR);
        assertTrue(scores.divisions() >= DIVISIONS_FLOOR, scores.divisions() + " divisions found; the reference has "
                + scores.referenceDivisions());
    }
}
