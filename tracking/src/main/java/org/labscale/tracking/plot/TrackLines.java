package org.labscale.tracking.plot;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A value of each track over time, one thin line per track in its {@link TrackColours colour} (e.g. a kinase
 * reporter's cytoplasm-to-nucleus ratio, Van Valen et al. 2016, Fig 4). Non-finite values break a line. x is hours
 * ({@code frame x hoursPerFrame}). CSV: {@code track_id,frame,time_h,value}.
 */
public final class TrackLines implements Figure {

    /** One track's value in one frame. */
    public record Point(int trackId, int frame, double value) {
    }

    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;

    private final String title;
    private final String yTitle;
    private final double hoursPerFrame;
    private final Map<Integer, List<Point>> byTrack = new TreeMap<>();

    public TrackLines(String title, String yTitle, List<Point> points, double hoursPerFrame) {
        this.title = title;
        this.yTitle = yTitle;
        this.hoursPerFrame = hoursPerFrame;
        for (Point p : points) {
            byTrack.computeIfAbsent(p.trackId(), k -> new ArrayList<>()).add(p);
        }
        byTrack.values().forEach(list -> list.sort((a, b) -> Integer.compare(a.frame(), b.frame())));
    }

    /** The plot area. */
    Axes axes() {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (List<Point> line : byTrack.values()) {
            for (Point p : line) {
                xMin = Math.min(xMin, p.frame() * hoursPerFrame);
                xMax = Math.max(xMax, p.frame() * hoursPerFrame);
                if (Double.isFinite(p.value())) {
                    yMin = Math.min(yMin, p.value());
                    yMax = Math.max(yMax, p.value());
                }
            }
        }
        if (!(xMax > xMin)) {
            xMin = Double.isFinite(xMin) ? xMin - hoursPerFrame : 0;
            xMax = xMin + 2 * hoursPerFrame;
        }
        if (!(yMax > yMin)) {
            double mid = Double.isFinite(yMin) ? yMin : 0;
            yMin = mid - 1;
            yMax = mid + 1;
        }
        double pad = (yMax - yMin) * 0.05;
        return new Axes(70, 30, WIDTH - 100, HEIGHT - 90, xMin, xMax, yMin - pad, yMax + pad);
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public int height() {
        return HEIGHT;
    }

    @Override
    public void draw(PlotCanvas c) {
        Axes axes = axes();
        c.text(WIDTH / 2.0, 18, title + " (" + byTrack.size() + " tracks)", Axes.AXIS_COLOUR,
                PlotCanvas.Anchor.MIDDLE);
        for (Map.Entry<Integer, List<Point>> e : byTrack.entrySet()) {
            List<Double> run = new ArrayList<>();
            for (Point p : e.getValue()) {
                if (Double.isFinite(p.value())) {
                    run.add(axes.px(p.frame() * hoursPerFrame));
                    run.add(axes.py(p.value()));
                } else {
                    flush(c, run, e.getKey());
                }
            }
            flush(c, run, e.getKey());
        }
        axes.draw(c, "time (h)", yTitle);
    }

    private static void flush(PlotCanvas c, List<Double> run, int trackId) {
        if (run.size() >= 4) {
            c.polyline(run.stream().mapToDouble(Double::doubleValue).toArray(), TrackColours.of(trackId), 1);
        }
        run.clear();
    }

    @Override
    public void writeCsv(Writer out) throws IOException {
        out.write("track_id,frame,time_h,value\n");
        for (List<Point> line : byTrack.values()) {
            for (Point p : line) {
                out.write(String.format(Locale.ROOT, "%d,%d,%.6g,%s\n", p.trackId(), p.frame(),
                        p.frame() * hoursPerFrame, Double.isFinite(p.value())
                                ? String.format(Locale.ROOT, "%.6g", p.value()) : ""));
            }
        }
    }
}
