package org.labscale.ui.views.tracking;

import java.util.List;
import java.util.Locale;
import org.labscale.ui.service.SeriesReport.FrameMerges;

/**
 * Cells per frame as bars, the likely merges of each frame (area up 30% or more since the previous frame) as the
 * bar's red top, drawn on the server as an inline SVG: where in the series the segmentation merged cells.
 */
final class FrameBarsSvg {

    static final int W = 560;
    static final int H = 150;
    private static final int LEFT = 40;
    private static final int RIGHT = 10;
    private static final int TOP = 10;
    private static final int BOTTOM = 30;

    private FrameBarsSvg() {
    }

    static String render(List<FrameMerges> frames) {
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg'"
                + " width='%d' height='%d' viewBox='0 0 %d %d' font-family='sans-serif' font-size='10'"
                + " data-frames='%d'>", W, H, W, H, frames.size()));
        int plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
        int max = Math.max(1, frames.stream().mapToInt(FrameMerges::cells).max().orElse(1));
        double step = frames.isEmpty() ? plotW : plotW / (double) frames.size();
        double bar = Math.max(1, step * 0.8);
        for (int i = 0; i < frames.size(); i++) {
            FrameMerges f = frames.get(i);
            double x = LEFT + i * step + (step - bar) / 2;
            double h = plotH * f.cells() / (double) max, hm = plotH * f.likelyMerges() / (double) max;
            svg.append(String.format(Locale.ROOT, "<rect class='cells' x='%.1f' y='%.1f' width='%.1f' height='%.1f'"
                    + " fill='#4477aa'><title>frame %d: %d cells, %d likely merges</title></rect>", x,
                    TOP + plotH - h, bar, h, f.frame() + 1, f.cells(), f.likelyMerges()));
            if (f.likelyMerges() > 0) {
                svg.append(String.format(Locale.ROOT, "<rect class='merges' x='%.1f' y='%.1f' width='%.1f'"
                        + " height='%.1f' fill='#ee6677'/>", x, TOP + plotH - h, bar, hm));
            }
        }
        svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#999'/>", LEFT,
                TOP + plotH, W - RIGHT, TOP + plotH));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='end'>%d</text>", LEFT - 4, TOP + 8,
                max));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='end'>0</text>", LEFT - 4,
                TOP + plotH));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='middle'>frame \u00b7 cells"
                + " (blue), likely merges (red)</text>", LEFT + plotW / 2, H - 6));
        return svg.append("</svg>").toString();
    }
}
