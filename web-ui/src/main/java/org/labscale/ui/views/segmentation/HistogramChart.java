package org.labscale.ui.views.segmentation;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;
import java.util.Arrays;
import java.util.Locale;

/**
 * A histogram drawn on the server as SVG (no chart library in the browser): equal-width bins between the smallest
 * and the largest value, the count of each bin as a bar, the range and the number of values under the axis.
 */
public class HistogramChart extends Div {

    static final int WIDTH = 320;
    static final int HEIGHT = 120;

    /** @param title e.g. "Cell area (px)"; {@code colour} a CSS colour of the bars */
    public HistogramChart(String id, String title, double[] values, int bins, String colour) {
        setId(id);
        getElement().setAttribute("data-count", Integer.toString(counted(values)));
        // inside a div, so that the browser parses the markup as SVG
        add(new Html("<div>" + svg(title, values, bins, colour) + "</div>"));
    }

    private static int counted(double[] values) {
        return (int) Arrays.stream(values).filter(Double::isFinite).count();
    }

    /** The bin counts of the finite values (all in bin 0 when they are all equal). */
    static int[] bin(double[] values, int bins) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
        int[] counts = new int[bins];
        if (v.length == 0) {
            return counts;
        }
        double lo = Arrays.stream(v).min().orElseThrow(), hi = Arrays.stream(v).max().orElseThrow();
        for (double x : v) {
            int b = hi > lo ? (int) Math.min(bins - 1, Math.floor((x - lo) / (hi - lo) * bins)) : 0;
            counts[b]++;
        }
        return counts;
    }

    static String svg(String title, double[] values, int bins, String colour) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
        int[] counts = bin(values, bins);
        int top = Math.max(1, Arrays.stream(counts).max().orElse(1));
        int plotTop = 18, plotBottom = HEIGHT - 18;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(WIDTH).append("' height='").append(HEIGHT)
                .append("' viewBox='0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("' role='img'>");
        s.append("<text x='0' y='12' font-size='12' font-family='sans-serif' fill='currentColor'>")
                .append(escape(title)).append(" \u00b7 ").append(v.length).append(" cells</text>");
        double barWidth = (double) WIDTH / bins;
        for (int b = 0; b < bins; b++) {
            double h = (double) counts[b] / top * (plotBottom - plotTop);
            s.append(String.format(Locale.ROOT, "<rect class='bar' x='%.1f' y='%.1f' width='%.1f' height='%.1f'"
                            + " style='fill:%s'><title>%d</title></rect>", b * barWidth + 0.5, plotBottom - h,
                    Math.max(0.5, barWidth - 1), h, colour, counts[b]));
        }
        s.append("<line x1='0' y1='").append(plotBottom).append("' x2='").append(WIDTH).append("' y2='")
                .append(plotBottom).append("' stroke='currentColor' stroke-opacity='0.4'/>");
        if (v.length > 0) {
            double lo = Arrays.stream(v).min().orElseThrow(), hi = Arrays.stream(v).max().orElseThrow();
            s.append("<text x='0' y='").append(HEIGHT - 4).append("' font-size='11' font-family='sans-serif'"
                    + " fill='currentColor'>").append(number(lo)).append("</text>");
            s.append("<text x='").append(WIDTH).append("' y='").append(HEIGHT - 4).append("' font-size='11'"
                    + " font-family='sans-serif' text-anchor='end' fill='currentColor'>").append(number(hi))
                    .append("</text>");
        }
        return s.append("</svg>").toString();
    }

    static String number(double v) {
        return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
