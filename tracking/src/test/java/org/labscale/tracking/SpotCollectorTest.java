package org.labscale.tracking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.tracking.ctc.CtcResultWriter;
import org.labscale.tracking.link.TrackerSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tracking frame by frame (spots collected as frames arrive, masks read back one at a time) gives what tracking the
 * whole series at once gives. */
class SpotCollectorTest {

    @TempDir
    Path dir;

    @Test
    void shouldTrackAndWriteExactlyAsTheWholeSeriesDoes() throws IOException {
        List<LabelFrame> frames = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            frames.add(LabelFrame.of(t, squares(t)));
        }
        SpotCollector collector = new SpotCollector();
        frames.forEach(collector::add);

        TrackingResult whole = Tracker.track(frames, TrackerSettings.nuclei());
        TrackingResult streamed = Tracker.trackSpots(collector.spots(), TrackerSettings.nuclei());

        assertEquals(4, collector.frames());
        assertEquals(whole.spots(), streamed.spots());
        assertEquals(whole.links(), streamed.links());
        assertEquals(1, streamed.lineage().divisions(), "the square that splits in frame 2");
        CtcResultWriter.write(dir.resolve("whole"), whole, frames);
        CtcResultWriter.write(dir.resolve("streamed"), streamed, 4, t -> frames.get(t).labels());
        for (String name : List.of("mask000.tif", "mask003.tif", "res_track.txt")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("whole").resolve(name)),
                    Files.readAllBytes(dir.resolve("streamed").resolve(name)), name);
        }
    }

    @Test
    void shouldRefuseAFrameOutOfOrderOrOfAnotherSize() {
        SpotCollector collector = new SpotCollector();
        collector.add(LabelFrame.of(0, squares(0)));
        IllegalArgumentException skipped = assertThrows(IllegalArgumentException.class,
                () -> collector.add(LabelFrame.of(2, squares(2))));
        assertTrue(skipped.getMessage().contains("expected frame 1 next, got frame 2"), skipped.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> collector.add(LabelFrame.of(1, LabelImage.of(3, 3, new int[9]))));
        assertTrue(size.getMessage().contains("frame 1 is 3x3 but the series' first frame is 60x40"),
                size.getMessage());
    }

    /** Two 6x6 squares moving 2 px right per frame; from frame 2 on the first is two 6x3 halves 4 px apart. */
    private static LabelImage squares(int t) {
        int w = 60;
        int[] labels = new int[w * 40];
        int label = 1;
        for (int[] origin : new int[][] {{5 + 2 * t, 5}, {30 + 2 * t, 20}}) {
            boolean split = t >= 2 && origin[1] == 5;
            for (int part = 0; part < (split ? 2 : 1); part++) {
                int y0 = origin[1] + (split ? part * 7 : 0);
                int rows = split ? 3 : 6;
                for (int y = y0; y < y0 + rows; y++) {
                    for (int x = origin[0]; x < origin[0] + 6; x++) {
                        labels[y * w + x] = label;
                    }
                }
                label++;
            }
        }
        return LabelImage.of(w, 40, labels);
    }
}
