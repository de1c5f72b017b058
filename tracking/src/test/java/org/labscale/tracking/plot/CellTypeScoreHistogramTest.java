package org.labscale.tracking.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.labscale.tracking.plot.CellTypeScoreHistogram.Cell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CellTypeScoreHistogramTest {

    private static final List<Cell> CELLS = List.of(new Cell("NIH-3T3", 0.97), new Cell("NIH-3T3", 1.0),
            new Cell("MCF10A", 0.91), new Cell("MCF10A", 0.52), new Cell("NIH-3T3", 0.55), new Cell("other", 0.9));

    @Test
    void shouldCountCellsPerClassAndBinWithScoreOneInTheLastBin() {
        CellTypeScoreHistogram histogram = new CellTypeScoreHistogram(List.of("NIH-3T3", "MCF10A"), CELLS, 4);
        assertArrayEquals(new int[]{0, 0, 1, 2}, histogram.counts(0));
        assertArrayEquals(new int[]{0, 0, 1, 1}, histogram.counts(1));
        assertEquals(List.of("bin_from,bin_to,NIH-3T3,MCF10A", "0.0000,0.2500,0,0", "0.2500,0.5000,0,0", "0.5000,0.7500,1,1",
                "0.7500,1.0000,2,1"), Figures.csv(histogram).lines().toList());
    }

    @Test
    void shouldStackTheClassesInTheirLegendColours() throws Exception {
        CellTypeScoreHistogram histogram = new CellTypeScoreHistogram(List.of("NIH-3T3", "MCF10A"), CELLS, 4);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Figures.png(histogram)));
        // Plot area as drawn: x 70..480 over [0, 1], y 30..340 over [0, 3.15] cells; the last bin holds 2 + 1.
        int x = (int) (70 + 0.875 * 410);
        assertEquals(CellTypeScoreHistogram.COLOURS[0], png.getRGB(x, (int) (340 - 1.0 / 3.15 * 310)) & 0xffffff);
        assertEquals(CellTypeScoreHistogram.COLOURS[1], png.getRGB(x, (int) (340 - 2.5 / 3.15 * 310)) & 0xffffff);
        assertEquals(0xffffff, png.getRGB((int) (70 + 0.125 * 410), 330) & 0xffffff, "no cell scored below 0.25");
    }

    @Test
    void shouldRefuseNoBins() {
        assertThrows(IllegalArgumentException.class, () -> new CellTypeScoreHistogram(List.of("a"), CELLS, 0));
    }
}
