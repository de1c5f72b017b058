package org.labscale.tracking.link;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DivisionRecoveryTest {

    private static Spot spot(int id, int frame, double x, double y, double area) {
        return new Spot(id, frame, x, y, 0, area, Double.NaN);
    }

    private static Link link(int a, int b) {
        return new Link(a, b, 0, Link.Kind.FRAME_TO_FRAME);
    }

    @Test
    void shouldMakeTwoOrphansNearAnEndedTrackItsDaughtersWhenTheirAreasAddUp() {
        List<Spot> spots = List.of(spot(0, 0, 50, 50, 1000), spot(1, 1, 50, 50, 1000),
                spot(2, 2, 38, 50, 520), spot(3, 2, 62, 51, 480), spot(4, 3, 37, 50, 530), spot(5, 3, 63, 51, 470));
        List<Link> links = List.of(link(0, 1), link(2, 4), link(3, 5));
        List<Link> recovered = new DivisionRecovery(30).recover(spots, links);
        assertEquals(List.of(new Link(1, 2, 144, Link.Kind.SPLITTING), new Link(1, 3, 145, Link.Kind.SPLITTING)),
                recovered);
    }

    @Test
    void shouldGiveAGoingOnMotherAnOrphanWhenItShrankAndTheAreasAddUp() {
        List<Spot> spots = List.of(spot(0, 0, 50, 50, 1000), spot(1, 1, 44, 50, 500), spot(2, 1, 60, 50, 450));
        List<Link> recovered = new DivisionRecovery(30).recover(spots, List.of(link(0, 1)));
        assertEquals(List.of(new Link(0, 2, 100, Link.Kind.SPLITTING)), recovered);
    }

    @Test
    void shouldLeaveNewCellsAloneWhenAreasAreNotConservedOrTheyAreTooFar() {
        List<Spot> grown = List.of(spot(0, 0, 50, 50, 1000), spot(1, 1, 50, 50, 950), spot(2, 1, 60, 50, 450));
        assertTrue(new DivisionRecovery(30).recover(grown, List.of(link(0, 1))).isEmpty(),
                "the mother did not shrink: the orphan is a cell that came in");
        List<Spot> tooBig = List.of(spot(0, 0, 50, 50, 1000), spot(1, 1, 40, 50, 900), spot(2, 1, 60, 50, 900));
        assertTrue(new DivisionRecovery(30).recover(tooBig, List.of()).isEmpty(), "1.8 times the mother's area");
        List<Spot> far = List.of(spot(0, 0, 50, 50, 1000), spot(1, 1, 15, 50, 500), spot(2, 1, 60, 50, 500));
        assertTrue(new DivisionRecovery(30).recover(far, List.of()).isEmpty(), "one daughter 35 px away");
    }

    @Test
    void shouldReachFartherForALargeMother() {
        // area 2625 (equivalent radius 28.9): daughters 31 px away, within 1.25 radii (36.1 px) but beyond 30 px
        List<Spot> spots = List.of(spot(0, 0, 357, 600, 2625), spot(1, 1, 331, 617, 1279), spot(2, 1, 384, 584, 1084));
        assertEquals(2, new DivisionRecovery(30).recover(spots, List.of()).size());
        List<Spot> small = List.of(spot(0, 0, 357, 600, 1500), spot(1, 1, 331, 617, 800), spot(2, 1, 384, 584, 700));
        assertTrue(new DivisionRecovery(30).recover(small, List.of()).isEmpty(), "1.25 radii of 1500 px: 27.3 px");
    }

    @Test
    void shouldGiveEachOrphanOneMotherTheNearestFirst() {
        List<Spot> spots = new ArrayList<>(List.of(spot(0, 0, 50, 50, 1000), spot(1, 0, 90, 50, 1000),
                spot(2, 1, 45, 50, 500), spot(3, 1, 95, 50, 500), spot(4, 1, 70, 50, 480)));
        List<Link> recovered = new DivisionRecovery(30).recover(spots, List.of(link(0, 2), link(1, 3)));
        assertEquals(1, recovered.size(), recovered.toString());
        assertEquals(4, recovered.get(0).target());
    }

    @Test
    void shouldBeOnInTheNucleiPresetOnlyAndLeaveTrackMatesSettingsAlone() {
        assertTrue(TrackerSettings.nuclei().divisionRecovery());
        assertTrue(!TrackerSettings.linkingOnly(15).withSplitting(15).divisionRecovery());
        List<Spot> spots = List.of(spot(0, 0, 50, 50, 1000), spot(1, 1, 50, 50, 1000), spot(2, 2, 26, 50, 520),
                spot(3, 2, 74, 51, 480), spot(4, 3, 25, 50, 530), spot(5, 3, 75, 51, 470));
        TrackerSettings trackMate = TrackerSettings.linkingOnly(30).withLinkingPenalties(
                java.util.Map.of(Feature.AREA, 1.0)).withSplitting(30);
        long splits = new LapTracker(trackMate).track(spots).stream().filter(l -> l.kind() == Link.Kind.SPLITTING)
                .count();
        long recovered = new LapTracker(trackMate.withDivisionRecovery(true)).track(spots).stream()
                .filter(l -> l.kind() == Link.Kind.SPLITTING).count();
        assertEquals(0, splits, "the area penalty ends the mother's track: TrackMate finds no division");
        assertEquals(2, recovered);
    }
}
