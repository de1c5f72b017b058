package org.labscale.tracking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.tracking.ctc.CtcMeasures;
import org.labscale.tracking.ctc.CtcResultWriter;
import org.labscale.tracking.ctc.CtcSequence;
import org.labscale.tracking.ctc.CtcTrack;
import org.labscale.tracking.ctc.CtcTrackFile;
import org.labscale.tracking.io.TracksCsv;
import org.labscale.tracking.link.TrackerSettings;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 64x32 series of four frames: cell A (4x4 square) moves right by 3 px per frame; cell B (6x6) sits still until it
 * divides in frame 2 into two 4x4 daughters 10 px apart. Labels change from frame to frame so only positions count.
 */
class TrackerTest {

    @TempDir
    Path dir;

    private static List<LabelFrame> series() {
        List<LabelFrame> frames = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int[][] rows = new int[32][64];
            square(rows, 5 + 3 * t, 5, 4, t == 1 ? 9 : 1);
            if (t < 2) {
                square(rows, 40, 14, 6, t == 1 ? 1 : 2);
            } else {
                square(rows, 36, 14, 4, 3);
                square(rows, 46, 14, 4, 4);
            }
            frames.add(LabelFrame.of(t, LabelImage.ofRows(rows)));
        }
        return frames;
    }

    private static void square(int[][] rows, int x, int y, int side, int label) {
        for (int dy = 0; dy < side; dy++) {
            for (int dx = 0; dx < side; dx++) {
                rows[y + dy][x + dx] = label;
            }
        }
    }

    @Test
    void shouldFollowMovingCellsAndRecordADivisionAsParentLinks() {
        TrackingResult result = Tracker.track(series(), TrackerSettings.nuclei());
        List<Track> tracks = result.lineage().tracks();
        assertEquals(4, tracks.size());
        Track a = tracks.stream().filter(t -> t.spots().get(0).area() == 16 && t.firstFrame() == 0).findFirst()
                .orElseThrow();
        assertEquals(3, a.lastFrame());
        Track mother = tracks.stream().filter(t -> t.spots().get(0).area() == 36).findFirst().orElseThrow();
        assertEquals(1, mother.lastFrame());
        assertEquals(2, tracks.stream().filter(t -> t.parent() == mother.id()).count());
        assertEquals(1, result.lineage().divisions());
    }

    @Test
    void shouldWriteAValidCtcResultThatScoresPerfectAgainstItself() throws IOException {
        List<LabelFrame> frames = series();
        TrackingResult result = Tracker.track(frames, TrackerSettings.nuclei());
        CtcResultWriter.write(dir, result, frames);
        for (int t = 0; t < 4; t++) {
            assertTrue(Files.isRegularFile(dir.resolve(String.format("mask%03d.tif", t))));
        }
        Map<Integer, CtcTrack> tracks = CtcTrackFile.read(dir.resolve("res_track.txt"));
        assertEquals(4, tracks.size());
        CtcSequence written = CtcSequence.readResult(dir);
        assertEquals(CtcResultWriter.masks(result, frames), written.frames());
        CtcMeasures.TrackingScores self = CtcMeasures.tracking(written, written);
        assertEquals(1.0, self.tra());
    }

    @Test
    void shouldWriteOneCsvRowPerCellPerFrame() throws IOException {
        TrackingResult result = Tracker.track(series(), TrackerSettings.nuclei());
        StringWriter out = new StringWriter();
        TracksCsv.write(result, out);
        String[] lines = out.toString().split("\n");
        assertEquals(TracksCsv.HEADER, lines[0]);
        assertEquals(1 + 4 + 2 + 2 * 2, lines.length, "header, A in 4 frames, B in 2, two daughters in 2");
        int mother = result.lineage().tracks().stream().filter(t -> t.spots().get(0).area() == 36).findFirst()
                .orElseThrow().id();
        assertTrue(Arrays.asList(lines).contains(mother + ",0,0,2,42.5000,16.5000,36,"), out.toString());
    }

    @Test
    void shouldRejectSeriesTheTrackerCannotUse() {
        List<LabelFrame> one = series().subList(0, 1);
        assertThrows(IllegalArgumentException.class, () -> Tracker.track(one, TrackerSettings.nuclei()));
        List<LabelFrame> mixed = new ArrayList<>(series());
        mixed.set(1, LabelFrame.of(1, LabelImage.ofRows(new int[8][8])));
        assertThrows(IllegalArgumentException.class, () -> Tracker.track(mixed, TrackerSettings.nuclei()));
        assertThrows(IllegalArgumentException.class, () -> TrackerSettings.nuclei().withGapClosing(30, 0));
        assertThrows(IllegalArgumentException.class, () -> TrackerSettings.linkingOnly(-1));
    }
}
