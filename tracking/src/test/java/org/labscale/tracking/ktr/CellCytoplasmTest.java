package org.labscale.tracking.ktr;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.tracking.Lineage;
import org.labscale.tracking.TrackingResult;
import org.labscale.tracking.io.KtrCsv;
import org.labscale.tracking.link.Link;
import org.labscale.tracking.link.Spot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellCytoplasmTest {

    /** Nuclei 1 (2x2), 2 (one pixel) and 3 (outside every cell); cells numbered otherwise: 5, 2 and 7 (no nucleus). */
    private static final LabelImage NUCLEI = LabelImage.ofRows(new int[][] {
            {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
            {0, 1, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0},
            {0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0},
            {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}});
    private static final LabelImage CELLS = LabelImage.ofRows(new int[][] {
            {5, 5, 5, 5, 2, 2, 2, 2, 2, 0, 0, 7},
            {5, 5, 5, 5, 2, 2, 2, 2, 2, 0, 0, 7},
            {5, 5, 5, 5, 2, 2, 2, 2, 2, 0, 0, 7},
            {5, 5, 5, 5, 2, 2, 2, 2, 2, 0, 0, 7}});

    @Test
    void shouldReadEachNucleusCellLessTheNucleusWhateverTheCellsNumbers() {
        Map<Integer, CellCytoplasm.Reading> readings = CellCytoplasm.measure(NUCLEI, CELLS, columns(12, 4));
        assertEquals(3, readings.size());
        assertEquals(new CellCytoplasm.Reading(18.0 / 12, 12), readings.get(1), "columns 0-3 less the nucleus");
        assertEquals(new CellCytoplasm.Reading(114.0 / 19, 19), readings.get(2), "columns 4-8 less one pixel");
        assertEquals(0, readings.get(3).pixels(), "no cell holds nucleus 3");
        assertTrue(Double.isNaN(readings.get(3).mean()));
    }

    @Test
    void shouldShareACellHoldingTwoNucleiByNearestNucleus() {
        LabelImage nuclei = LabelImage.ofRows(new int[][] {{0, 1, 0, 0, 0, 0, 0, 0, 2, 0}});
        LabelImage cells = LabelImage.ofRows(new int[][] {{3, 3, 3, 3, 3, 3, 3, 3, 3, 3}});
        Map<Integer, CellCytoplasm.Reading> readings = CellCytoplasm.measure(nuclei, cells, columns(10, 1));
        assertEquals(new CellCytoplasm.Reading((0 + 2 + 3 + 4) / 4.0, 4), readings.get(1));
        assertEquals(new CellCytoplasm.Reading((5 + 6 + 7 + 9) / 4.0, 4), readings.get(2));
    }

    @Test
    void shouldRefuseMasksOfAnotherSize() {
        assertThrows(IllegalArgumentException.class, () -> CellCytoplasm.measure(NUCLEI,
                LabelImage.of(11, 4, new int[44]), columns(12, 4)));
        assertThrows(IllegalArgumentException.class, () -> CellCytoplasm.measure(NUCLEI, CELLS, new float[3]));
    }

    @Test
    void shouldWriteTheCellCytoplasmBesideTheRingsAndTheTwoCompartments() throws Exception {
        KtrMeasurer measurer = new KtrMeasurer(1, 2);
        float[] reporter = columns(12, 4);
        List<KtrCell> frame = measurer.measure(NUCLEI, reporter, CELLS);
        KtrCell first = frame.get(0);
        assertEquals(1.5, first.nuclearMean());
        assertEquals(1.5, first.cellCytoplasmMean());
        assertEquals(12, first.cellCytoplasmPixels());
        assertEquals(1.0, first.cellCytoplasmToNuclear());
        assertEquals(measurer.measure(NUCLEI, reporter).get(0).outerRingMean(), first.outerRingMean(),
                "the rings are measured as without cells");
        List<Spot> spots = List.of(new Spot(0, 0, 1.5, 1.5, 1, 4, 0), new Spot(1, 1, 1.5, 1.5, 1, 4, 0));
        List<Link> links = List.of(new Link(0, 1, 0, Link.Kind.FRAME_TO_FRAME));
        TrackingResult result = new TrackingResult(spots, links, Lineage.of(spots, links));
        StringWriter out = new StringWriter();
        KtrCsv.write(KtrTracks.join(result, Map.of(0, frame, 1, frame)), measurer, true, out);
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).endsWith(",cytoplasm_pixels,cell_cytoplasm_mean,cell_cytoplasm_to_nuclear,"
                + "cell_cytoplasm_pixels"), lines.get(0));
        assertTrue(lines.get(1).startsWith("1,0,1,1.50000,"), lines.get(1));
        assertTrue(lines.get(1).endsWith(",1.50000,1.00000,12"), lines.get(1));
        assertEquals(3, lines.size());
    }

    /** A reporter whose value is the pixel's column. */
    private static float[] columns(int w, int h) {
        float[] values = new float[w * h];
        for (int p = 0; p < values.length; p++) {
            values[p] = p % w;
        }
        return values;
    }
}
