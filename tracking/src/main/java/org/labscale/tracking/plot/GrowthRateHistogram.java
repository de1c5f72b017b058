package org.labscale.tracking.plot;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

import org.labscale.tracking.growth.CellGrowth;
import org.labscale.tracking.growth.GrowthAnalysis;

/**
 * Histogram of the instantaneous growth rates {@code d ln(area)/dt} of every cell in every frame (Van Valen et al.
 * 2016, Fig 3b): growing cells form a peak above 0, the daughters of divisions a second one near
 * {@code -ln 2 / dt}. Bins are equal over the range of the finite rates widened to include 0 (one unit either side of
 * a single value). CSV: {@code bin_from,bin_to,cells}.
 */
public final class GrowthRateHistogram implements Figure {

    static final int BAR = 0x4477aa;
    static final int ZERO_LINE = 0xcc3311;
    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;

    private final double min;
    private final double max;
    private final int[] counts;
    private final String unit;

    /**
     * @param report the growth analysis (its rates per {@code unit})
     * @param bins   number of bins, >= 1
     * @param unit   the rate's unit, e.g. {@code "1/h"}
     */
    public GrowthRateHistogram(GrowthAnalysis.Report report, int bins, String unit) {
        double lo = 0;
        double hi = 0;
        int finite = 0;
        for (CellGrowth c : report.cells()) {
            if (Double.isFinite(c.growthRate())) {
                lo = Math.min(lo, c.growthRate());
                hi = Math.max(hi, c.growthRate());
                finite++;
            }
        }
        if (finite == 0 || hi == lo) {
            lo -= 1;
            hi += 1;
        }
        this.min = lo;
        this.max = hi;
        this.counts = report.rateHistogram(lo, hi, bins);
        this.unit = unit;
    }

    /** Cells per bin. */
    public int[] counts() {
        return counts.clone();
    }

    public double binFrom(int bin) {
        return min + (max - min) * bin / counts.length;
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public int height() {
        return HEIGHT;
    }

    /** The plot area: rates along x, cells along y. */
    Axes axes() {
        int top = 0;
        for (int n : counts) {
            top = Math.max(top, n);
        }
        return new Axes(70, 30, WIDTH - 100, HEIGHT - 90, min, max, 0, Math.max(1, top) * 1.05);
    }

    @Override
    public void draw(PlotCanvas c) {
        Axes axes = axes();
        c.text(WIDTH / 2.0, 18, "Instantaneous growth rate d ln(area)/dt", Axes.AXIS_COLOUR,
                PlotCanvas.Anchor.MIDDLE);
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] > 0) {
                double x0 = axes.px(binFrom(b));
                double x1 = axes.px(binFrom(b + 1));
                double y = axes.py(counts[b]);
                c.rect(x0, y, Math.max(1, x1 - x0 - 1), axes.py(0) - y, BAR, "bar");
            }
        }
        c.line(axes.px(0), axes.top, axes.px(0), axes.py(0), ZERO_LINE, 1);
        axes.draw(c, "growth rate (" + unit + ")", "cells");
    }

    @Override
    public void writeCsv(Writer out) throws IOException {
        out.write("bin_from,bin_to,cells\n");
        for (int b = 0; b < counts.length; b++) {
            out.write(String.format(Locale.ROOT, "%.6g,%.6g,%d\n", binFrom(b), binFrom(b + 1), counts[b]));
        }
    }
}
