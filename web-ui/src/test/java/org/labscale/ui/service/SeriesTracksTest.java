package org.labscale.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The track table as the worker writes it ({@code TracksCsv}): tracks by id, their cells by frame, lineage. */
class SeriesTracksTest {

    static final String CSV = """
            track_id,parent_track_id,frame,label,centroid_x,centroid_y,area,mean_intensity
            1,0,1,4,10.5,20,130,88.2
            1,0,0,2,10,20,120,
            2,1,2,1,8,19,70,90
            3,1,2,3,13,21,66,91
            4,0,0,1,50,50,,80
            """;

    @Test
    void shouldGroupCellsIntoTracksInFrameOrder() {
        SeriesTracks tracks = SeriesTracks.read(new StringReader(CSV));
        assertEquals(4, tracks.tracks().size());
        SeriesTracks.Track mother = tracks.track(1).orElseThrow();
        assertEquals(0, mother.parent());
        assertEquals(List.of(0, 1), mother.points().stream().map(SeriesTracks.Point::frame).toList());
        assertEquals(120, mother.points().get(0).area());
        assertEquals(10.5, mother.points().get(1).x());
        assertEquals(0, mother.firstFrame());
        assertEquals(1, mother.lastFrame());
        assertEquals(1, tracks.track(3).orElseThrow().parent());
        assertEquals(List.of(2, 3), tracks.daughters(1));
        assertEquals(List.of(), tracks.daughters(2));
        assertTrue(Double.isNaN(tracks.track(4).orElseThrow().points().get(0).area()), "an empty area is unknown");
        assertTrue(tracks.track(9).isEmpty());
    }

    @Test
    void shouldRefuseATableWithoutTrackColumns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SeriesTracks.read(new StringReader("label,area\n1,20\n")));
        assertEquals("The track table has no track_id column; its header is: label,area", e.getMessage());
    }
}
