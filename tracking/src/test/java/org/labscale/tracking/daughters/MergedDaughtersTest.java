package org.labscale.tracking.daughters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.tracking.LabelFrame;
import org.labscale.tracking.Tracker;
import org.labscale.tracking.TrackingResult;
import org.labscale.tracking.ctc.CtcResultWriter;
import org.labscale.tracking.ctc.CtcSequence;
import org.labscale.tracking.ctc.CtcTrack;
import org.labscale.tracking.link.TrackerSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MergedDaughtersTest {

    @TempDir
    Path out;

    /**
     * A nucleus (frames 0-1) whose daughters stay one blob for two frames (2-3: two discs of radius 6, 10 px apart,
     * one label) and come apart in frame 4 (5 the same).
     */
    private static List<LabelFrame> series() {
        int[] mother = {20, 10, 6, 1};
        int[][] merged = {{15, 10, 6, 1}, {25, 10, 6, 1}};
        int[][] apart = {{12, 10, 6, 1}, {28, 10, 6, 2}};
        List<LabelImage> masks = List.of(Discs.of(mother), Discs.of(mother), Discs.of(merged), Discs.of(merged),
                Discs.of(apart), Discs.of(apart));
        List<LabelFrame> frames = new ArrayList<>();
        for (int t = 0; t < masks.size(); t++) {
            frames.add(LabelFrame.of(t, masks.get(t)));
        }
        return frames;
    }

    private CtcSequence written(TrackerSettings settings) throws Exception {
        List<LabelFrame> frames = series();
        TrackingResult result = Tracker.track(frames, settings);
        CtcResultWriter.write(out, result, frames);
        return CtcSequence.readResult(out);
    }

    @Test
    void shouldStartTheDaughtersTracksWhereTheirBlobIsParted() throws Exception {
        CtcSequence result = written(TrackerSettings.nuclei());

        assertEquals(List.of(new CtcTrack(1, 0, 1, 0), new CtcTrack(2, 2, 5, 1), new CtcTrack(3, 2, 5, 1)),
                List.copyOf(new TreeMap<>(result.tracks()).values()));
        for (int t = 2; t <= 5; t++) {
            LabelImage mask = result.frames().get(t);
            assertEquals(2, mask.get(10, 10), "frame " + t + ": the left daughter");
            assertEquals(3, mask.get(30, 10), "frame " + t + ": the right daughter");
        }
        LabelImage parted = result.frames().get(2);
        for (int x = 0; x < Discs.WIDTH; x++) {
            int expected = x < 9 || x > 31 ? 0 : x <= 20 ? 2 : 3; // the middle column, x = 20, to the first
            assertEquals(expected, parted.get(x, 10), "frame 2, x " + x + ": cut at the neck");
        }
        assertEquals(1, result.frames().get(1).get(20, 10), "the mother's single nucleus is not parted");
    }

    @Test
    void shouldLeaveTheBlobToTheMotherWhenPartingIsOff() throws Exception {
        CtcSequence result = written(TrackerSettings.nuclei().withMergedDaughterFrames(0));

        assertEquals(List.of(new CtcTrack(1, 0, 3, 0), new CtcTrack(2, 4, 5, 1), new CtcTrack(3, 4, 5, 1)),
                List.copyOf(new TreeMap<>(result.tracks()).values()));
        assertEquals(1, result.frames().get(2).get(25, 10));
    }

    @Test
    void shouldPartNoMoreFramesThanAsked() throws Exception {
        CtcSequence result = written(TrackerSettings.nuclei().withMergedDaughterFrames(1));

        assertEquals(List.of(new CtcTrack(1, 0, 2, 0), new CtcTrack(2, 3, 5, 1), new CtcTrack(3, 3, 5, 1)),
                List.copyOf(new TreeMap<>(result.tracks()).values()));
    }
}
