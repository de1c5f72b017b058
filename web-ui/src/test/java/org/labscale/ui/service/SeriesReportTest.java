package org.labscale.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The series page's reading of a TRACKING job's {@code report.json}, as the worker writes it. */
class SeriesReportTest {

    private static final UUID A = UUID.fromString("0b8e5b55-3f4c-4a8e-9d1a-2c3b4d5e6f70");
    private static final UUID B = UUID.fromString("1b8e5b55-3f4c-4a8e-9d1a-2c3b4d5e6f71");

    @Test
    void shouldReadAMultiPageSeriesReport() {
        SeriesReport r = SeriesReport.of(Map.of("imageId", A.toString(), "frameIntervalMinutes", 10.0,
                "overall", Map.of("frames", 5, "cells", 60, "tracks", 13, "divisions", 1),
                "mergeCheck", Map.of("areaGrowthThreshold", 0.3, "cellsWithPredecessor", 48, "likelyMerges", 2,
                        "perFrame", List.of(Map.of("frame", 3, "cells", 13, "cellsWithPredecessor", 12,
                                "likelyMerges", 2, "likelyMergeFraction", 0.1667))),
                "figures", List.of("figures/lineage-tree.png", "figures/lineage-tree.svg",
                        "figures/lineage-tree.csv", "figures/growth-rate-map.png")));
        assertFalse(r.perFrameImages());
        assertEquals(A, r.imageOf(4), "every frame is a page of the one image");
        assertEquals(5, r.frames());
        assertEquals(13, r.tracks());
        assertEquals(1, r.divisions());
        assertEquals(60, r.cells());
        assertEquals(10.0, r.frameIntervalMinutes());
        assertEquals(2 / 48.0, r.merges().fraction(), 1e-12);
        assertEquals(List.of(new SeriesReport.FrameMerges(3, 13, 12, 2)), r.merges().frames());
        assertEquals(List.of("lineage-tree", "growth-rate-map"), r.figures(), "the PNGs, by name");
        assertTrue(r.scores().isEmpty(), "no ground truth, no scores");
        assertEquals("mask004", r.maskName(4));
    }

    @Test
    void shouldReadAPerFrameSeriesWithScores() {
        SeriesReport r = SeriesReport.of(Map.of("imageIds", List.of(A.toString(), B.toString()),
                "overall", Map.of("frames", 1200), "scores", Map.of("TRA", 0.95, "SEG", 0.8, "AOGM", 12)));
        assertTrue(r.perFrameImages());
        assertEquals(B, r.imageOf(1));
        assertEquals(Map.of("TRA", 0.95, "SEG", 0.8), r.scores(), "the CTC measures shown, nothing else");
        assertEquals(List.of("TRA", "SEG"), List.copyOf(r.scores().keySet()), "in TRA, DET, SEG order");
        assertEquals("mask0042", r.maskName(42), "four digits past 1000 frames, as the worker names them");
        assertEquals(0, r.merges().fraction());
    }
}
