package org.labscale.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The per-cell CSV as the worker writes it, and the job result as the worker reports it. */
public class CellTableTest {

    public static final String CSV = "label,area,centroid_x,centroid_y,bbox_min_x,bbox_min_y,bbox_max_x,bbox_max_y,"
            + "perimeter,eccentricity,mean_DAPI,integrated_DAPI,\"mean_a,b\",\"integrated_a,b\",class,score\n"
            + "1,120,10.5000,20.2500,4,14,17,27,40,0.3000,812.5000,97500.0000,3.0000,360.0000,interior,0.9100\n"
            + "7,64,50.0000,60.0000,46,56,54,64,28,0.1000,400.0000,25600.0000,1.0000,64.0000,\"a \"\"b\"\"\",0.5000\n";

    @Test
    void shouldReadLabelsAndNumbersByColumn() {
        CellTable t = CellTable.read(new StringReader(CSV));
        assertEquals(2, t.cells().size());
        assertEquals(7, t.cells().get(1).label());
        assertEquals(List.of(120.0, 64.0), java.util.Arrays.stream(t.values("area")).boxed().toList());
        assertEquals(20.25, t.cells().get(0).values()[t.column("centroid_y")]);
        assertEquals(List.of("mean_DAPI", "mean_a,b"), t.meanIntensityColumns(), "a quoted name with a comma");
        assertEquals(1.0, t.values("mean_a,b")[1]);
        assertTrue(Double.isNaN(t.values("class")[0]), "text is not a number");
        assertEquals(0.5, t.values("score")[1]);
        assertEquals("Centroid x", CellTable.heading("centroid_x"));
        assertEquals("Mean DAPI", CellTable.heading("mean_DAPI"));
    }

    @Test
    void shouldRefuseATableWithoutLabels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CellTable.read(new StringReader("area,centroid_x\n1,2\n")));
        assertTrue(e.getMessage().contains("area,centroid_x"), e.getMessage());
        assertEquals(0, CellTable.read(new StringReader("")).cells().size());
    }

    @Test
    void shouldReadTheWorkersResultWithScoresAndFailures() {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID();
        Map<String, Object> scores = Map.of("referenceCells", 14, "segmentedCells", 13, "meanJaccard", 0.81,
                "meanDice", 0.89, "f1", 0.92, "precision", 0.95, "recall", 0.9, "seg", 0.77);
        SegmentationResult r = SegmentationResult.of(Map.of("images", List.of(
                Map.of("imageId", a.toString(), "name", "a.png", "status", "SUCCEEDED", "cells", 13, "scores", scores),
                Map.of("imageId", b.toString(), "name", "b.png", "status", "FAILED", "error",
                        Map.of("code", "segmentation.channels", "message", "The image has 1 channel, the model needs 2."))),
                "overall", Map.of("images", 2, "succeeded", 1, "failed", 1, "cells", 13, "scores", scores)));
        assertEquals(2, r.images().size());
        assertTrue(r.image(a).orElseThrow().succeeded());
        assertEquals(0.77, r.image(a).orElseThrow().scores().seg());
        assertEquals("The image has 1 channel, the model needs 2.", r.image(b).orElseThrow().error());
        assertEquals(13, r.cells());
        assertEquals(14, r.overall().referenceCells());
        assertEquals(0, SegmentationResult.of(null).images().size());
    }
}
