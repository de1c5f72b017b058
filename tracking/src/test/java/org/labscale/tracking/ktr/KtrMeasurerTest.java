package org.labscale.tracking.ktr;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Random;

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

class KtrMeasurerTest {

    private static final int W = 80;
    private static final int H = 40;

    @Test
    void nearestNucleusShouldMatchBruteForceDistances() {
        Random random = new Random(7);
        int w = 23;
        int h = 17;
        int[] labels = new int[w * h];
        for (int k = 0; k < 9; k++) {
            labels[random.nextInt(w * h)] = 1 + random.nextInt(4);
        }
        LabelImage image = LabelImage.of(w, h, labels);
        NearestNucleus nearest = NearestNucleus.of(image);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long best = Long.MAX_VALUE;
                long bestOfLabel = Long.MAX_VALUE;
                for (int q = 0; q < w * h; q++) {
                    if (labels[q] > 0) {
                        long d = sq(x - q % w) + sq(y - q / w);
                        best = Math.min(best, d);
                        if (labels[q] == nearest.label(x, y)) {
                            bestOfLabel = Math.min(bestOfLabel, d);
                        }
                    }
                }
                assertEquals(best, nearest.distance2(x, y), "distance at " + x + "," + y);
                assertEquals(best, bestOfLabel, "the label given at " + x + "," + y + " is a nearest one");
            }
        }
        NearestNucleus none = NearestNucleus.of(LabelImage.of(3, 2, new int[6]));
        assertEquals(0, none.label(1, 1));
        assertEquals(Long.MAX_VALUE, none.distance2(2, 0));
    }

    /**
     * Two 6x6 nuclei (reporter 100 and 50) 40 px apart; around each, pixels within 5 px of a nucleus read 40 (left
     * half) or 20 (right half), pixels 5-25 px away read 10 or 30, farther ones 0. Each cell's territory is its half.
     */
    @Test
    void shouldMeasureNucleusRingsCytoplasmAndTwoCompartmentsWithExactMeans() {
        LabelImage nuclei = nuclei();
        float[] reporter = new float[W * H];
        int inner1 = 0;
        int outer1 = 0;
        int inner2 = 0;
        int outer2 = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int l = nuclei.get(x, y);
                double d = Math.sqrt(distance2ToNuclei(nuclei, x, y));
                boolean left = x < W / 2;
                float value;
                if (l > 0) {
                    value = l == 1 ? 100 : 50;
                } else if (d <= 5) {
                    value = left ? 40 : 20;
                    if (left) {
                        inner1++;
                    } else {
                        inner2++;
                    }
                } else if (d <= 25) {
                    value = left ? 10 : 30;
                    if (left) {
                        outer1++;
                    } else {
                        outer2++;
                    }
                } else {
                    value = 0;
                }
                reporter[y * W + x] = value;
            }
        }
        List<KtrCell> cells = new KtrMeasurer(5, 25).measure(nuclei, reporter);
        assertEquals(2, cells.size());
        KtrCell a = cells.get(0);
        assertEquals(1, a.label());
        assertEquals(100, a.nuclearMean());
        assertEquals(40, a.innerRingMean());
        assertEquals(inner1 + outer1, a.cytoplasmPixels());
        double cytoplasm1 = (40.0 * inner1 + 10.0 * outer1) / (inner1 + outer1);
        assertEquals(cytoplasm1, a.outerRingMean(), 1e-9);
        assertEquals(cytoplasm1 / 100, a.cytoplasmToNuclear(), 1e-9);
        assertEquals(40, a.twoCompartmentMean(), 1e-6, "the component next to the nucleus");
        assertEquals((double) inner1 / (inner1 + outer1), a.twoCompartmentWeight(), 1e-6);
        KtrCell b = cells.get(1);
        assertEquals(50, b.nuclearMean());
        assertEquals(20, b.innerRingMean());
        assertEquals((20.0 * inner2 + 30.0 * outer2) / (inner2 + outer2), b.outerRingMean(), 1e-9);
        assertEquals(20, b.twoCompartmentMean(), 1e-6, "the lower component is the one near this nucleus");
        assertEquals(0.4, b.twoCompartmentToNuclear(), 1e-6);
    }

    @Test
    void shouldWriteOneRowPerTrackedCellPerFrame() throws Exception {
        LabelImage nuclei = nuclei();
        float[] reporter = new float[W * H];
        java.util.Arrays.fill(reporter, 10);
        KtrMeasurer measurer = new KtrMeasurer(5, 25);
        List<KtrCell> frame = measurer.measure(nuclei, reporter);
        List<Spot> spots = List.of(new Spot(0, 0, 19.5, 19.5, 1, 36, 0), new Spot(1, 1, 19.5, 19.5, 1, 36, 0));
        List<Link> links = List.of(new Link(0, 1, 0, Link.Kind.FRAME_TO_FRAME));
        TrackingResult result = new TrackingResult(spots, links, Lineage.of(spots, links));
        List<KtrTracks.Row> rows = KtrTracks.join(result, Map.of(0, frame, 1, frame));
        StringWriter out = new StringWriter();
        KtrCsv.write(rows, measurer, out);
        List<String> lines = out.toString().lines().toList();
        assertEquals("track_id,frame,label,nuclear_mean,cytoplasm_mean,cytoplasm_to_nuclear,ring5_mean,ring25_mean,"
                + "two_compartment_mean,two_compartment_weight,two_compartment_to_nuclear,cytoplasm_pixels",
                lines.get(0));
        assertEquals(3, lines.size(), "label 2 is in no track");
        assertTrue(lines.get(1).startsWith("1,0,1,10.0000,10.0000,1.00000,10.0000,10.0000,10.0000,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("1,1,1,"), lines.get(2));
    }

    @Test
    void shouldRefuseRingsThatAreNotNested() {
        assertThrows(IllegalArgumentException.class, () -> new KtrMeasurer(0, 25));
        assertThrows(IllegalArgumentException.class, () -> new KtrMeasurer(25, 25));
        assertThrows(IllegalArgumentException.class, () -> new KtrMeasurer(5, 25).measure(nuclei(), new float[3]));
    }

    private static LabelImage nuclei() {
        int[] labels = new int[W * H];
        for (int y = 17; y < 23; y++) {
            for (int x = 17; x < 23; x++) {
                labels[y * W + x] = 1;
                labels[y * W + x + 40] = 2;
            }
        }
        return LabelImage.of(W, H, labels);
    }

    private static long distance2ToNuclei(LabelImage nuclei, int x, int y) {
        long best = Long.MAX_VALUE;
        for (int qy = 0; qy < H; qy++) {
            for (int qx = 0; qx < W; qx++) {
                if (nuclei.get(qx, qy) > 0) {
                    best = Math.min(best, sq(x - qx) + sq(y - qy));
                }
            }
        }
        return best;
    }

    private static long sq(long v) {
        return v * v;
    }
}
