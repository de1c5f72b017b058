package org.labscale.tracking;

import org.junit.jupiter.api.Test;
import org.labscale.tracking.link.Link;
import org.labscale.tracking.link.Spot;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LineageTest {

    private static Spot s(int id, int frame) {
        return Spot.point(id, frame, id, 0);
    }

    private static Link l(int from, int to) {
        return new Link(from, to, 0, Link.Kind.FRAME_TO_FRAME);
    }

    @Test
    void shouldStartDaughterTracksWithTheMotherAsParent() {
        // 0 -> 1 -> {2, 3}; 3 -> 4.
        List<Spot> spots = List.of(s(0, 0), s(1, 1), s(2, 2), s(3, 2), s(4, 3));
        Lineage lineage = Lineage.of(spots, List.of(l(0, 1), l(1, 2), l(1, 3), l(3, 4)));
        assertEquals(List.of(new Track(1, 0, 0, 1, List.of(s(0, 0), s(1, 1))),
                new Track(2, 1, 2, 2, List.of(s(2, 2))),
                new Track(3, 1, 2, 3, List.of(s(3, 2), s(4, 3)))), lineage.tracks());
        assertEquals(1, lineage.divisions());
        assertEquals(3, lineage.trackOf(4));
    }

    @Test
    void shouldContinueAcrossAGapAsAChildTrackSoThatTracksStayContiguous() {
        // 0 (frame 0) -> 1 (frame 2): a closed gap.
        Lineage lineage = Lineage.of(List.of(s(0, 0), s(1, 2)), List.of(l(0, 1)));
        assertEquals(List.of(new Track(1, 0, 0, 0, List.of(s(0, 0))), new Track(2, 1, 2, 2, List.of(s(1, 2)))),
                lineage.tracks());
        assertEquals(0, lineage.divisions());
    }

    @Test
    void shouldStartAMergedSpotAsANewTrackWithoutParent() {
        // 0 and 1 (frame 0) both link to 2 (frame 1).
        Lineage lineage = Lineage.of(List.of(s(0, 0), s(1, 0), s(2, 1)), List.of(l(0, 2), l(1, 2)));
        assertEquals(3, lineage.tracks().size());
        assertEquals(0, lineage.tracks().get(2).parent());
        assertEquals(1, lineage.tracks().get(2).firstFrame());
    }

    @Test
    void shouldRejectLinksBackInTimeOrToUnknownSpots() {
        assertThrows(IllegalArgumentException.class, () -> Lineage.of(List.of(s(0, 1), s(1, 0)), List.of(l(0, 1))));
        assertThrows(IllegalArgumentException.class, () -> Lineage.of(List.of(s(0, 0)), List.of(l(0, 9))));
    }
}
