package org.labscale.ui.views.tracking;

import java.util.List;
import java.util.Locale;
import org.labscale.ui.service.SeriesTracks;

/**
 * A track's cell area over the frames as a small inline SVG line chart (frame on x, area in px on y), drawn on the
 * server: the single-cell growth curve of the paper's Fig 3a for the track the user picked.
 */
final class AreaCurveSvg {

    static final int W = 320;
    static final int H = 150;
    private static final int LEFT = 44;
    private static final int RIGHT = 10;
    private static final int TOP = 10;
    private static final int BOTTOM = 30;

    private AreaCurveSvg() {
    }

    /** @param colour the line's CSS colour (the track's) */
    static String render(SeriesTracks.Track track, String colour) {
        List<SeriesTracks.Point> points = track.points().stream().filter(p -> !Double.isNaN(p.area())).toList();
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg'"
                + " width='%d' height='%d' viewBox='0 0 %d %d' font-family='sans-serif' font-size='10'>", W, H, W, H));
        int plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%d' height='%d' fill='none'"
                + " stroke='#999'/>", LEFT, TOP, plotW, plotH));
        if (points.isEmpty()) {
            return svg.append("</svg>").toString();
        }
        int first = track.firstFrame(), last = Math.max(track.lastFrame(), first + 1);
        double max = points.stream().mapToDouble(SeriesTracks.Point::area).max().orElse(1) * 1.1;
        StringBuilder line = new StringBuilder();
        for (SeriesTracks.Point p : points) {
            double x = LEFT + plotW * (p.frame() - first) / (double) (last - first);
            double y = TOP + plotH * (1 - p.area() / max);
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            svg.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='2.5' fill='%s'/>", x, y, colour));
        }
        svg.append(String.format(Locale.ROOT, "<polyline class='area' points='%s' fill='none' stroke='%s'"
                + " stroke-width='2'/>", line.toString().trim(), colour));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='end'>%.0f</text>", LEFT - 4, TOP + 8,
                max));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='end'>0</text>", LEFT - 4,
                TOP + plotH));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d'>%d</text>", LEFT, H - BOTTOM + 14, first + 1));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='end'>%d</text>", W - RIGHT,
                H - BOTTOM + 14, last + 1));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='middle'>frame \u00b7 area (px)"
                + "</text>", LEFT + plotW / 2, H - 4));
        return svg.append("</svg>").toString();
    }
}
