package org.labscale.tracking.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.tracking.Lineage;
import org.labscale.tracking.Track;
import org.labscale.tracking.TrackingResult;
import org.labscale.tracking.growth.GrowthAnalysis;
import org.labscale.tracking.link.Link;
import org.labscale.tracking.link.Spot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiguresTest {

    private static final int WHITE = 0xffffff;

    /**
     * A cell of area 100, 110, 150 in frames 0-2 (labels 1-3) dividing into two cells of 70 in frame 3 (labels 4, 5),
     * and a second cell of 200 then 259 in frames 0-1. Rates per frame: ln 1.1, ln(150/110), ln(70/150) twice,
     * ln 1.295.
     */
    private static TrackingResult colony() {
        List<Spot> spots = List.of(cell(0, 0, 100), cell(1, 1, 110), cell(2, 2, 150), cell(3, 3, 70), cell(4, 3, 70),
                cell(5, 0, 200), cell(6, 1, 259));
        List<Link> links = List.of(link(0, 1), link(1, 2), link(2, 3), link(2, 4), link(5, 6));
        return new TrackingResult(spots, links, Lineage.of(spots, links));
    }

    @Test
    void histogramShouldDrawOneBarPerNonEmptyBinWithHeightsByCount() throws Exception {
        GrowthRateHistogram histogram = new GrowthRateHistogram(GrowthAnalysis.analyse(colony(), 1), 4, "1/h");
        // From ln(70/150) = -0.762 to ln(150/110) = 0.310: the two daughters, nothing, nothing, three growing cells.
        assertArrayEquals(new int[]{2, 0, 0, 3}, histogram.counts());
        assertEquals(Math.log(70.0 / 150), histogram.binFrom(0), 1e-12);

        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Figures.png(histogram)));
        Axes axes = histogram.axes();
        int daughters = (int) axes.px(histogram.binFrom(0) + 0.5 * (histogram.binFrom(1) - histogram.binFrom(0)));
        int empty = (int) axes.px(histogram.binFrom(1) + 0.5 * (histogram.binFrom(2) - histogram.binFrom(1)));
        int growing = (int) axes.px(histogram.binFrom(3) + 0.5 * (histogram.binFrom(4) - histogram.binFrom(3)));
        int low = (int) axes.py(1);
        int between = (int) axes.py(2.5);
        assertEquals(GrowthRateHistogram.BAR, rgb(png, daughters, low));
        assertEquals(WHITE, rgb(png, daughters, between), "a bar of 2 cells ends below 2.5");
        assertEquals(WHITE, rgb(png, empty, low));
        assertEquals(GrowthRateHistogram.BAR, rgb(png, growing, between));

        assertEquals(2, count(Figures.svg(histogram), "<rect class=\"bar\""));
        List<String> csv = Figures.csv(histogram).lines().toList();
        assertEquals("bin_from,bin_to,cells", csv.get(0));
        assertEquals(5, csv.size());
        assertTrue(csv.get(1).startsWith("-0.762140,") && csv.get(1).endsWith(",2"), csv.get(1));
        assertTrue(csv.get(4).endsWith(",0.310155,3"), csv.get(4));
    }

    @Test
    void mapShouldPaintEachCellWithItsRateOnASymmetricScale() throws Exception {
        LabelImage labels = LabelImage.ofRows(new int[][]{
                {1, 1, 0, 2, 2},
                {1, 1, 0, 2, 2},
                {0, 0, 0, 3, 3}});
        GrowthRateMap map = new GrowthRateMap(7, labels, List.of(new GrowthRateMap.Cell(1, 10, 0.5, 0.5, 2.0),
                new GrowthRateMap.Cell(2, 11, 3.5, 0.5, -1.0), new GrowthRateMap.Cell(3, 12, 3.5, 2, Double.NaN)),
                "1/h");
        assertEquals(2.0, map.limit());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Figures.png(map)));
        assertEquals(DivergingColours.HIGH, rgb(png, map.figurePixel(0, 1)));
        assertEquals(DivergingColours.mix(DivergingColours.MIDDLE, DivergingColours.LOW, 0.5),
                rgb(png, map.figurePixel(4, 0)));
        assertEquals(DivergingColours.MISSING, rgb(png, map.figurePixel(3, 2)));
        assertEquals(WHITE, rgb(png, map.figurePixel(2, 1)));
        // The colour bar: red at its top, blue at its bottom.
        int barX = GrowthRateMap.MARGIN + GrowthRateMap.MAP_SIZE + 20 + GrowthRateMap.BAR_WIDTH / 2;
        int barBottom = map.figurePixel(0, 2)[1] + GrowthRateMap.MAP_SIZE / 10 - 2;
        assertEquals(DivergingColours.HIGH, rgb(png, barX, GrowthRateMap.MARGIN + 2), "hot end of the bar");
        assertEquals(DivergingColours.LOW, rgb(png, barX, barBottom), "cold end of the bar");

        String svg = Figures.svg(map);
        assertEquals(64, count(svg, "<rect class=\"colour-bar\""));
        assertEquals(1, count(svg, "<image "));
        assertEquals(List.of("frame,label,track_id,centroid_x,centroid_y,growth_rate",
                "7,1,10,0.5000,0.5000,2.00000", "7,2,11,3.5000,0.5000,-1.00000", "7,3,12,3.5000,2.0000,"),
                Figures.csv(map).lines().toList());
    }

    @Test
    void mapOfATrackingShouldShowTheLastFramesCells() throws Exception {
        TrackingResult colony = colony();
        GrowthAnalysis.Report growth = GrowthAnalysis.analyse(colony, 1);
        LabelImage frame3 = LabelImage.ofRows(new int[][]{{4, 4, 0, 5, 5}});
        GrowthRateMap map = GrowthRateMap.of(colony, growth, 3, frame3, "1/h");
        assertEquals(Math.abs(Math.log(70.0 / 150)), map.limit(), 1e-12);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Figures.png(map)));
        assertEquals(DivergingColours.LOW, rgb(png, map.figurePixel(0, 0)));
        assertEquals(DivergingColours.LOW, rgb(png, map.figurePixel(4, 0)));
        assertEquals(3, Figures.csv(map).lines().count());
    }

    @Test
    void lineageTreeShouldHangDaughtersBelowTheirMotherAlongTheTimeAxis() throws Exception {
        TrackingResult colony = colony();
        LineageTree tree = new LineageTree(colony.lineage());
        List<Track> rows = tree.rows();
        assertEquals(4, rows.size());
        Track mother = rows.get(0);
        assertEquals(0, mother.parent());
        assertEquals(mother.id(), rows.get(1).parent());
        assertEquals(mother.id(), rows.get(2).parent());
        Track other = rows.get(3);
        assertEquals(1, other.lastFrame());

        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Figures.png(tree)));
        assertEquals(TrackColours.of(mother.id()), rgb(png, tree.figurePixel(mother.id(), 2)));
        assertEquals(TrackColours.of(rows.get(2).id()), rgb(png, tree.figurePixel(rows.get(2).id(), 3)));
        assertEquals(WHITE, rgb(png, tree.figurePixel(other.id(), 3)), "the second cell is gone after frame 1");
        assertEquals(WHITE, rgb(png, tree.figurePixel(rows.get(1).id(), 1)), "a daughter starts in frame 3");

        String svg = Figures.svg(tree);
        assertEquals(4, count(svg, "<rect class=\"track\""));
        assertTrue(svg.contains(">" + mother.id() + "</text>"));
        List<String> csv = Figures.csv(tree).lines().toList();
        assertEquals("track_id,parent_track_id,first_frame,last_frame,row", csv.get(0));
        assertEquals(rows.get(1).id() + "," + mother.id() + ",3,3,1", csv.get(2));
    }

    @Test
    void trackLinesShouldDrawOneLinePerTrackBrokenWhereAValueIsMissing() {
        List<TrackLines.Point> points = List.of(new TrackLines.Point(1, 0, 0.5), new TrackLines.Point(1, 1, 0.7),
                new TrackLines.Point(1, 2, 0.9), new TrackLines.Point(2, 0, 1.2),
                new TrackLines.Point(2, 1, Double.NaN), new TrackLines.Point(2, 2, 1.0), new TrackLines.Point(2, 3, 1.1), new TrackLines.Point(2, 4, 1.3));
        TrackLines lines = new TrackLines("C/N", "cytoplasm / nucleus", points, 0.25);
        String svg = Figures.svg(lines);
        assertEquals(2, count(svg, "<polyline"), "track 1, and track 2 after its gap (one point before it)");
        assertTrue(svg.contains("stroke=\"#" + String.format("%06x", TrackColours.of(2)) + "\""));
        Axes axes = lines.axes();
        assertEquals(0.0, axes.xMin);
        assertEquals(1.0, axes.xMax, "4 frames of a quarter hour");
        List<String> csv = Figures.csv(lines).lines().toList();
        assertEquals(List.of("track_id,frame,time_h,value", "1,0,0.00000,0.500000", "1,1,0.250000,0.700000",
                "1,2,0.500000,0.900000", "2,0,0.00000,1.20000", "2,1,0.250000,", "2,2,0.500000,1.00000",
                "2,3,0.750000,1.10000", "2,4,1.00000,1.30000"), csv);
        assertTrue(Figures.raster(lines).getWidth() > 0);
    }

    private static int rgb(BufferedImage image, int[] xy) {
        return rgb(image, xy[0], xy[1]);
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xffffff;
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static Spot cell(int id, int frame, double area) {
        return new Spot(id, frame, id * 10, 0, id + 1, area, Double.NaN);
    }

    private static Link link(int from, int to) {
        return new Link(from, to, 0, Link.Kind.FRAME_TO_FRAME);
    }
}
