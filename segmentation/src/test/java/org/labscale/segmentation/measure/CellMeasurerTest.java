package org.labscale.segmentation.measure;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.segmentation.postprocess.CellTypeClassifier.CellClass;

import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CellMeasurerTest {

    private static final LabelImage CELLS = LabelImage.ofRows(new int[][]{
            {0, 0, 0, 0, 0},
            {0, 1, 1, 1, 0},
            {0, 1, 1, 1, 0},
            {2, 0, 0, 0, 0}});
    private static final FloatPlane NUCLEAR = new FloatPlane(5, 4, new float[]{
            0, 0, 0, 0, 0,
            0, 1, 2, 3, 0,
            0, 4, 5, 6, 0,
            9, 0, 0, 0, 0});

    @Test
    void shouldMeasureShapeAndIntensityOfEachCell() {
        List<CellMeasurement> cells = CellMeasurer.measure(CELLS, List.of(NUCLEAR), null);
        CellMeasurement rect = cells.get(0);
        assertEquals(1, rect.label());
        assertEquals(6, rect.area());
        assertEquals(2.0, rect.centroidX(), 1e-12);
        assertEquals(1.5, rect.centroidY(), 1e-12);
        assertArrayEquals(new int[]{1, 1, 3, 2}, new int[]{rect.minX(), rect.minY(), rect.maxX(), rect.maxY()});
        assertEquals(10, rect.perimeter());
        // Variances 2/3 (x) and 1/4 (y): sqrt(1 - 0.25 / (2/3)).
        assertEquals(Math.sqrt(0.625), rect.eccentricity(), 1e-12);
        assertEquals(3.5, rect.meanIntensity()[0], 1e-12);
        assertEquals(21, rect.integratedIntensity()[0], 1e-12);
        CellMeasurement dot = cells.get(1);
        assertEquals(4, dot.perimeter(), "the image border counts");
        assertEquals(0, dot.eccentricity());
        assertEquals("interior", dot.className());
    }

    @Test
    void shouldWriteOneCsvRowPerCellWithClassAndScore() {
        List<CellMeasurement> cells = CellMeasurer.measure(CELLS, List.of(NUCLEAR),
                List.of(new CellClass(1, "MCF10A", 0.75), new CellClass(2, "NIH-3T3", 0.5)));
        StringWriter out = new StringWriter();
        CellTableCsv.write(cells, List.of("nuclear"), out);
        String[] lines = out.toString().split("\n");
        assertEquals("label,area,centroid_x,centroid_y,bbox_min_x,bbox_min_y,bbox_max_x,bbox_max_y,perimeter,"
                + "eccentricity,mean_nuclear,integrated_nuclear,class,score", lines[0]);
        assertEquals("1,6,2.0000,1.5000,1,1,3,2,10,0.7906,3.5000,21.0000,MCF10A,0.7500", lines[1]);
        assertEquals("2,1,0.0000,3.0000,0,3,0,3,4,0.0000,9.0000,9.0000,NIH-3T3,0.5000", lines[2]);
        assertEquals(3, lines.length);
    }
}
