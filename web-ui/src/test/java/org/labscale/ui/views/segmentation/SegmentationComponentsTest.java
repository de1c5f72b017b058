package org.labscale.ui.views.segmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;
import org.labscale.ui.service.CellTable;
import org.labscale.ui.service.CellTableTest;
import org.labscale.ui.service.SegmentationResult;

/** The segmentation pages' components without a server: form values, channel defaults, table, scores, histogram. */
class SegmentationComponentsTest {

    @Test
    void shouldPrefillThePostProcessingAndSendOnlyTheMethodsFields() {
        PostProcessingForm form = new PostProcessingForm();
        form.setValue(new PostProcessing(PostProcessingMethod.WATERSHED, 0.6, null, null, null, 0.85, null, null, null,
                false, 40, 900, 1), "Prefilled with what m \u00b7 v1 recommends.");
        assertTrue(form.seedThreshold.isVisible());
        assertFalse(form.iterations.isVisible());
        assertFalse(form.adaptiveWindow.isVisible());
        PostProcessing p = form.getValue();
        assertEquals(PostProcessingMethod.WATERSHED, p.method());
        assertEquals(0.6, p.threshold());
        assertEquals(0.85, p.seedThreshold());
        assertEquals(900, p.maxArea());
        assertEquals(false, p.fillHoles());
        assertNull(p.iterations(), "an active-contours field is left to the API");
        assertNull(p.adaptiveWindow());
        assertTrue(form.threshold.getHelperText().endsWith("."), "every field says what it does");
        form.showError("postProcessing.threshold must be between 0 and 1 (exclusive), not 1.5.");
        assertTrue(form.method.isInvalid());
        assertEquals("postProcessing.threshold must be between 0 and 1 (exclusive), not 1.5.",
                form.method.getErrorMessage());
    }

    @Test
    void shouldMapARoleToTheChannelOfTheSameNameElseItsPosition() {
        assertEquals(1, SegmentView.defaultChannel("nuclear", 0, List.of("phase", "Nuclear"), 2));
        assertEquals(1, SegmentView.defaultChannel("nuclear", 1, List.of("phase", "DAPI"), 2));
        assertEquals(0, SegmentView.defaultChannel("nuclear", 3, List.of(), 1));
    }

    @Test
    void shouldFilterAndSelectCells() {
        CellTable table = CellTable.read(new StringReader(CellTableTest.CSV));
        CellTableGrid grid = new CellTableGrid(table);
        assertEquals("2 of 2 cells", grid.count.getText());
        assertTrue(grid.grid.getColumnByKey("mean_DAPI") != null);
        assertNull(grid.grid.getColumnByKey("bbox_min_x"), "the bounding box stays in the CSV");
        grid.minArea.setValue(100);
        assertEquals("1 of 2 cells", grid.count.getText());
        List<Integer> selected = new ArrayList<>();
        grid.addCellSelectedListener(e -> selected.add(e.cell().map(CellTable.Cell::label).orElse(0)));
        grid.select(7);
        assertEquals(7, grid.grid.asSingleSelect().getValue().label());
        assertTrue(selected.isEmpty(), "selecting from the viewer does not echo back");
        grid.grid.select(table.cells().get(0));
        assertEquals(List.of(1), selected);
    }

    @Test
    void shouldListScoresPerImageThenPooled() {
        Map<String, Object> s = Map.of("referenceCells", 14, "segmentedCells", 12, "meanJaccard", 0.8,
                "meanDice", 0.88, "f1", 0.9, "precision", 0.95, "recall", 0.85, "seg", 0.7);
        SegmentationResult r = SegmentationResult.of(Map.of("images", List.of(Map.of("imageId",
                UUID.randomUUID().toString(), "name", "a.png", "status", "SUCCEEDED", "cells", 12, "scores", s)),
                "overall", Map.of("cells", 12, "scores", s)));
        List<ScoresGrid.Row> rows = ScoresGrid.rows(r);
        assertEquals(List.of("a.png", "All images"), rows.stream().map(ScoresGrid.Row::name).toList());
        assertEquals("0.700", ScoresGrid.format(rows.get(1).scores().seg()));
    }

    @Test
    void shouldBinValuesBetweenTheirExtremes() {
        assertArrayEquals(new int[] {2, 0, 1, 1}, HistogramChart.bin(new double[] {0, 1, 5, 8, Double.NaN}, 4));
        assertArrayEquals(new int[] {3, 0}, HistogramChart.bin(new double[] {2, 2, 2}, 2));
        String svg = HistogramChart.svg("Cell area (px) <all>", new double[] {10, 20, 30}, 3, "red");
        assertTrue(svg.contains("Cell area (px) &lt;all&gt; \u00b7 3 cells"), svg);
        assertEquals(3, svg.split("class='bar'").length - 1);
    }
}
