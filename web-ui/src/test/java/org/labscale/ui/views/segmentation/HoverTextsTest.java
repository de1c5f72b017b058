package org.labscale.ui.views.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labscale.ui.service.CellTable;

/** Hovering a cell of the result's overlay shows its area and mean intensities. */
class HoverTextsTest {

    @Test
    void shouldDescribeEveryCellByAreaAndMeanIntensities() {
        CellTable table = new CellTable(List.of("area", "centroid_x", "mean_DAPI", "mean_GFP"), List.of(
                new CellTable.Cell(3, new double[] {340, 51.2, 812.25, 0.5}),
                new CellTable.Cell(7, new double[] {12, 4, 100, 20})));
        assertEquals(Map.of(3, "340 px, mean DAPI 812, mean GFP 0.500", 7, "12 px, mean DAPI 100, mean GFP 20"),
                SegmentationResultView.hoverTexts(table));
    }
}
