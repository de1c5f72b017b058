package org.labscale.tracking.plot;

import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.labscale.imaging.labels.LabelImage;
import org.labscale.tracking.TrackingResult;
import org.labscale.tracking.growth.CellGrowth;
import org.labscale.tracking.growth.GrowthAnalysis;
import org.labscale.tracking.link.Spot;

/**
 * A frame's cells painted with their growth rate (Van Valen et al. 2016, Fig 3c) on the {@link DivergingColours}
 * scale, symmetric about 0 up to the frame's largest absolute rate, with a colour bar; cells without a predecessor
 * are grey. The mask is scaled (nearest neighbour) so its longer side is {@value #MAP_SIZE} px. CSV:
 * {@code frame,label,track_id,centroid_x,centroid_y,growth_rate}.
 */
public final class GrowthRateMap implements Figure {

    static final int MAP_SIZE = 560;
    static final int MARGIN = 30;
    static final int BAR_WIDTH = 18;

    /** One cell of the frame. */
    public record Cell(int label, int trackId, double x, double y, double growthRate) {
    }

    private final int frame;
    private final LabelImage labels;
    private final List<Cell> cells;
    private final double limit;
    private final String unit;
    private final double scale;

    /**
     * @param labels the frame's mask
     * @param cells  its cells (a label without a cell is drawn as background)
     * @param unit   the rate's unit, e.g. {@code "1/h"}
     */
    public GrowthRateMap(int frame, LabelImage labels, List<Cell> cells, String unit) {
        this.frame = frame;
        this.labels = labels;
        this.cells = List.copyOf(cells);
        double l = 0;
        for (Cell c : cells) {
            if (Double.isFinite(c.growthRate())) {
                l = Math.max(l, Math.abs(c.growthRate()));
            }
        }
        this.limit = l > 0 ? l : 1;
        this.unit = unit;
        this.scale = (double) MAP_SIZE / Math.max(labels.width(), labels.height());
    }

    /** The map of {@code frame}, whose mask is {@code labels}, from a tracking and its growth analysis. */
    public static GrowthRateMap of(TrackingResult result, GrowthAnalysis.Report growth, int frame, LabelImage labels,
                                   String unit) {
        Map<Integer, Spot> spots = new HashMap<>();
        for (Spot s : result.spots()) {
            if (s.frame() == frame) {
                spots.put(s.id(), s);
            }
        }
        List<Cell> cells = growth.cells().stream().filter(c -> c.frame() == frame)
                .map(c -> cell(spots.get(c.spotId()), c)).toList();
        return new GrowthRateMap(frame, labels, cells, unit);
    }

    private static Cell cell(Spot s, CellGrowth g) {
        return new Cell(s.label(), g.trackId(), s.x(), s.y(), g.growthRate());
    }

    /** The rate at which the scale saturates (the frame's largest absolute rate, or 1 when there is none). */
    public double limit() {
        return limit;
    }

    /** Where the mask's pixel (x, y) lands in the figure (the centre of its scaled block). */
    public int[] figurePixel(int x, int y) {
        return new int[]{MARGIN + (int) ((x + 0.5) * scale), MARGIN + (int) ((y + 0.5) * scale)};
    }

    @Override
    public int width() {
        return MARGIN + (int) Math.round(labels.width() * scale) + 110;
    }

    @Override
    public int height() {
        return MARGIN + (int) Math.round(labels.height() * scale) + 20;
    }

    @Override
    public void draw(PlotCanvas c) {
        c.text(MARGIN, 18, "Growth rate in frame " + frame, Axes.AXIS_COLOUR, PlotCanvas.Anchor.START);
        int w = (int) Math.round(labels.width() * scale);
        int h = (int) Math.round(labels.height() * scale);
        Map<Integer, Integer> colourOf = new HashMap<>();
        for (Cell cell : cells) {
            colourOf.put(cell.label(), DivergingColours.colour(cell.growthRate(), limit));
        }
        int[] argb = new int[w * h];
        for (int py = 0; py < h; py++) {
            int y = Math.min(labels.height() - 1, (int) (py / scale));
            for (int px = 0; px < w; px++) {
                int x = Math.min(labels.width() - 1, (int) (px / scale));
                Integer colour = colourOf.get(labels.get(x, y));
                argb[py * w + px] = 0xff000000 | (colour == null ? 0xffffff : colour);
            }
        }
        c.image(MARGIN, MARGIN, w, h, argb);
        c.line(MARGIN, MARGIN, MARGIN + w, MARGIN, Axes.AXIS_COLOUR, 1);
        c.line(MARGIN, MARGIN + h, MARGIN + w, MARGIN + h, Axes.AXIS_COLOUR, 1);
        c.line(MARGIN, MARGIN, MARGIN, MARGIN + h, Axes.AXIS_COLOUR, 1);
        c.line(MARGIN + w, MARGIN, MARGIN + w, MARGIN + h, Axes.AXIS_COLOUR, 1);
        colourBar(c, MARGIN + w + 20, MARGIN, h);
    }

    private void colourBar(PlotCanvas c, double x, double top, double h) {
        int steps = 64;
        for (int k = 0; k < steps; k++) {
            double v = limit - 2 * limit * k / (steps - 1.0);
            c.rect(x, top + h * k / steps, BAR_WIDTH, Math.ceil(h / steps), DivergingColours.colour(v, limit),
                    "colour-bar");
        }
        for (double v : new double[]{limit, 0, -limit}) {
            double y = top + h * (limit - v) / (2 * limit);
            c.line(x + BAR_WIDTH, y, x + BAR_WIDTH + 4, y, Axes.AXIS_COLOUR, 1);
            c.text(x + BAR_WIDTH + 6, y + 4, Axes.label(Double.parseDouble(String.format(Locale.ROOT, "%.3g", v))),
                    Axes.AXIS_COLOUR, PlotCanvas.Anchor.START);
        }
        c.verticalText(x + BAR_WIDTH + 62, top + h / 2, "growth rate (" + unit + ")", Axes.AXIS_COLOUR);
    }

    @Override
    public void writeCsv(Writer out) throws IOException {
        out.write("frame,label,track_id,centroid_x,centroid_y,growth_rate\n");
        for (Cell cell : cells) {
            out.write(String.format(Locale.ROOT, "%d,%d,%d,%.4f,%.4f,%s\n", frame, cell.label(), cell.trackId(),
                    cell.x(), cell.y(), Double.isNaN(cell.growthRate()) ? ""
                            : String.format(Locale.ROOT, "%.6g", cell.growthRate())));
        }
    }
}
