package org.labscale.tracking.growth;

import org.junit.jupiter.api.Test;
import org.labscale.tracking.Lineage;
import org.labscale.tracking.TrackingResult;
import org.labscale.tracking.io.MergeCheckCsv;
import org.labscale.tracking.link.Link;
import org.labscale.tracking.link.Spot;

import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrowthAnalysisTest {

    /**
     * A cell of area 100, 110, 150 (+36%: flagged) in frames 0-2 that divides into two cells of 70 in frame 3, and a
     * second cell of 200 then 259 (+29.5%: not flagged) in frames 0-1.
     */
    private static TrackingResult colony() {
        List<Spot> spots = List.of(cell(0, 0, 100), cell(1, 1, 110), cell(2, 2, 150), cell(3, 3, 70), cell(4, 3, 70),
                cell(5, 0, 200), cell(6, 1, 259));
        List<Link> links = List.of(link(0, 1), link(1, 2), link(2, 3), link(2, 4), link(5, 6));
        return new TrackingResult(spots, links, Lineage.of(spots, links));
    }

    @Test
    void shouldComputeLogAreaGrowthRatesWithNegativeRatesAtDivision() {
        GrowthAnalysis.Report report = GrowthAnalysis.analyse(colony(), 0.5);
        CellGrowth first = find(report, 0);
        assertTrue(Double.isNaN(first.growthRate()));
        assertEquals(Math.log(110.0 / 100) / 0.5, find(report, 1).growthRate(), 1e-12);
        assertEquals(Math.log(70.0 / 150) / 0.5, find(report, 3).growthRate(), 1e-12);
        assertTrue(find(report, 3).growthRate() < 0);
        assertEquals(150, find(report, 2).area());
    }

    @Test
    void shouldFlagThirtyPercentGrowthAsALikelyMergePerFrameAndOverall() {
        GrowthAnalysis.Report report = GrowthAnalysis.analyse(colony(), 1);
        assertTrue(find(report, 2).likelyMerge());
        assertFalse(find(report, 6).likelyMerge());
        assertFalse(find(report, 1).likelyMerge());
        assertEquals(List.of(new GrowthAnalysis.FrameSummary(0, 2, 0, 0), new GrowthAnalysis.FrameSummary(1, 2, 2, 0),
                new GrowthAnalysis.FrameSummary(2, 1, 1, 1), new GrowthAnalysis.FrameSummary(3, 2, 2, 0)),
                report.frames());
        assertEquals(1.0 / 5, report.likelyMergeFraction(), 1e-12);
        assertEquals(1, report.likelyMerges());
        assertEquals(5, report.cellsWithPredecessor());
        assertEquals(1.0, report.frames().get(2).likelyMergeFraction());
        assertEquals(0.0, report.frames().get(0).likelyMergeFraction());
    }

    @Test
    void shouldWriteTheMergeCheckPerFrameAndOverall() throws Exception {
        StringWriter out = new StringWriter();
        MergeCheckCsv.write(GrowthAnalysis.analyse(colony(), 1), out);
        assertEquals(List.of(MergeCheckCsv.HEADER, "0,2,0,0,0.000000", "1,2,2,0,0.000000", "2,1,1,1,1.000000",
                "3,2,2,0,0.000000", "all,7,5,1,0.200000"), out.toString().lines().toList());
    }

    @Test
    void shouldHistogramTheFiniteRates() {
        GrowthAnalysis.Report report = GrowthAnalysis.analyse(colony(), 1);
        // Rates: ln 1.1 = 0.095, ln(150/110) = 0.31, ln(0.467) = -0.76 twice, ln 1.295 = 0.259.
        assertArrayEquals(new int[] {2, 0, 3, 0}, report.rateHistogram(-1, 1, 4));
    }

    @Test
    void shouldRejectABadIntervalOrCellsWithoutArea() {
        assertThrows(IllegalArgumentException.class, () -> GrowthAnalysis.analyse(colony(), 0));
        List<Spot> points = List.of(Spot.point(0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> GrowthAnalysis.analyse(
                new TrackingResult(points, List.of(), Lineage.of(points, List.of())), 1));
    }

    private static Spot cell(int id, int frame, double area) {
        return new Spot(id, frame, id * 10, 0, id + 1, area, Double.NaN);
    }

    private static Link link(int from, int to) {
        return new Link(from, to, 0, Link.Kind.FRAME_TO_FRAME);
    }

    private static CellGrowth find(GrowthAnalysis.Report report, int spotId) {
        return report.cells().stream().filter(c -> c.spotId() == spotId).findFirst().orElseThrow();
    }
}
