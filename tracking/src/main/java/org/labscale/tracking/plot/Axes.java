package org.labscale.tracking.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plot area inside a figure with linear x and y scales: maps data to pixels and draws the frame, "nice" ticks
 * (steps of 1, 2 or 5 times a power of ten) and axis titles.
 */
final class Axes {

    static final int AXIS_COLOUR = 0x333333;

    final double left;
    final double top;
    final double width;
    final double height;
    final double xMin;
    final double xMax;
    final double yMin;
    final double yMax;

    /** @throws IllegalArgumentException an empty or non-finite range */
    Axes(double left, double top, double width, double height, double xMin, double xMax, double yMin, double yMax) {
        if (!(xMax > xMin) || !(yMax > yMin) || !Double.isFinite(xMax - xMin) || !Double.isFinite(yMax - yMin)) {
            throw new IllegalArgumentException("axes need finite ranges with min < max, were [" + xMin + ", " + xMax
                    + "] and [" + yMin + ", " + yMax + "]");
        }
        this.left = left;
        this.top = top;
        this.width = width;
        this.height = height;
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
    }

    double px(double x) {
        return left + (x - xMin) / (xMax - xMin) * width;
    }

    double py(double y) {
        return top + height - (y - yMin) / (yMax - yMin) * height;
    }

    /** The frame (left and bottom axes), ticks with labels, and the two titles. */
    void draw(PlotCanvas c, String xTitle, String yTitle) {
        c.line(left, top, left, top + height, AXIS_COLOUR, 1);
        c.line(left, top + height, left + width, top + height, AXIS_COLOUR, 1);
        for (double t : ticks(xMin, xMax, 8)) {
            double x = px(t);
            c.line(x, top + height, x, top + height + 4, AXIS_COLOUR, 1);
            c.text(x, top + height + 16, label(t), AXIS_COLOUR, PlotCanvas.Anchor.MIDDLE);
        }
        for (double t : ticks(yMin, yMax, 6)) {
            double y = py(t);
            c.line(left - 4, y, left, y, AXIS_COLOUR, 1);
            c.text(left - 6, y + 4, label(t), AXIS_COLOUR, PlotCanvas.Anchor.END);
        }
        c.text(left + width / 2, top + height + 34, xTitle, AXIS_COLOUR, PlotCanvas.Anchor.MIDDLE);
        c.verticalText(left - 48, top + height / 2, yTitle, AXIS_COLOUR);
    }

    /** Ticks at multiples of a 1-2-5 step inside [min, max], about {@code target} of them. */
    static List<Double> ticks(double min, double max, int target) {
        double step = niceStep((max - min) / target);
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return out;
    }

    static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / power;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
    }

    static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
