package org.labscale.tracking.ctc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageEncoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CtcSequenceTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepTheFirstFramesAndCutTheTracksThatRunPastThem() {
        LabelImage a = LabelImage.ofRows(new int[][] {{1, 0}});
        LabelImage b = LabelImage.ofRows(new int[][] {{0, 2}});
        CtcSequence sequence = new CtcSequence(List.of(a, a, b, b), Map.of(
                1, new CtcTrack(1, 0, 1, 0),
                2, new CtcTrack(2, 2, 3, 1),
                3, new CtcTrack(3, 1, 3, 0)));

        CtcSequence first = sequence.firstFrames(3);

        assertEquals(List.of(a, a, b), first.frames());
        assertEquals(Map.of(1, new CtcTrack(1, 0, 1, 0), 2, new CtcTrack(2, 2, 2, 1), 3, new CtcTrack(3, 1, 2, 0)),
                first.tracks());
        assertEquals(Map.of(1, new CtcTrack(1, 0, 0, 0)), sequence.firstFrames(1).tracks());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sequence.firstFrames(5));
        assertTrue(e.getMessage().contains("4 frames"), e.getMessage());
    }

    @Test
    void shouldReadTheAnnotatedFramesOfTheSegmentationReference() throws IOException {
        assertTrue(CtcSequence.readSegmentationReference(dir).isEmpty(), "no SEG folder, no reference");
        Files.createDirectories(dir.resolve("SEG"));
        LabelImage mask = LabelImage.ofRows(new int[][] {{0, 3}, {3, 3}});
        Files.write(dir.resolve("SEG/man_seg007.tif"), LabelImageEncoder.labelsTiff16(mask));
        Files.writeString(dir.resolve("SEG/notes.txt"), "not a mask");

        Map<Integer, LabelImage> reference = CtcSequence.readSegmentationReference(dir);

        assertEquals(Map.of(7, mask), reference);
    }
}
