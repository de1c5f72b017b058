package org.labscale.tracking.plot;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.labscale.tracking.Lineage;
import org.labscale.tracking.Track;

/**
 * Lineage trees as a picture: time (frames) runs to the right, each track is a bar in its {@link TrackColours colour}
 * from its first to its last frame, labelled with its id, and a child (a daughter of a division, or the continuation
 * after a closed gap) hangs below its parent, joined by an elbow from the parent's last frame. Trees are laid out
 * depth first, children in id order, so each tree occupies consecutive rows. CSV:
 * {@code track_id,parent_track_id,first_frame,last_frame,row}.
 */
public final class LineageTree implements Figure {

    static final int CONNECTOR = 0x555555;
    private static final int WIDTH = 800;
    private static final int LEFT = 70;
    private static final int TOP = 30;
    private static final int BOTTOM = 50;

    private final List<Track> rows;
    private final double rowHeight;
    private final int firstFrame;
    private final int lastFrame;

    public LineageTree(Lineage lineage) {
        Map<Integer, List<Track>> children = new HashMap<>();
        Map<Integer, Track> byId = new HashMap<>();
        for (Track t : lineage.tracks()) {
            byId.put(t.id(), t);
        }
        List<Track> roots = new ArrayList<>();
        for (Track t : lineage.tracks()) {
            if (t.parent() > 0 && byId.containsKey(t.parent())) {
                children.computeIfAbsent(t.parent(), k -> new ArrayList<>()).add(t);
            } else {
                roots.add(t);
            }
        }
        List<Track> ordered = new ArrayList<>();
        roots.sort(Comparator.comparingInt(Track::id));
        for (Track root : roots) {
            visit(root, children, ordered);
        }
        this.rows = List.copyOf(ordered);
        this.rowHeight = Math.max(3, Math.min(16, 1600.0 / Math.max(1, rows.size())));
        this.firstFrame = rows.stream().mapToInt(Track::firstFrame).min().orElse(0);
        this.lastFrame = rows.stream().mapToInt(Track::lastFrame).max().orElse(0);
    }

    private static void visit(Track t, Map<Integer, List<Track>> children, List<Track> out) {
        out.add(t);
        List<Track> kids = new ArrayList<>(children.getOrDefault(t.id(), List.of()));
        kids.sort(Comparator.comparingInt(Track::id));
        for (Track k : kids) {
            visit(k, children, out);
        }
    }

    /** The tracks top to bottom. */
    public List<Track> rows() {
        return rows;
    }

    /** The figure pixel at the middle of a track's bar in {@code frame}. */
    public int[] figurePixel(int trackId, int frame) {
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).id() == trackId) {
                Axes axes = axes();
                return new int[]{(int) axes.px(frame), (int) (TOP + (r + 0.5) * rowHeight)};
            }
        }
        throw new IllegalArgumentException("no track " + trackId);
    }

    private Axes axes() {
        return new Axes(LEFT, TOP, WIDTH - LEFT - 30, rows.size() * rowHeight, firstFrame - 0.5, lastFrame + 0.5,
                0, Math.max(1, rows.size()));
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public int height() {
        return (int) Math.ceil(TOP + Math.max(1, rows.size()) * rowHeight + BOTTOM);
    }

    @Override
    public void draw(PlotCanvas c) {
        c.text(WIDTH / 2.0, 18, "Lineage trees (" + rows.size() + " tracks)", Axes.AXIS_COLOUR,
                PlotCanvas.Anchor.MIDDLE);
        Axes axes = axes();
        Map<Integer, Integer> rowOf = new HashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            rowOf.put(rows.get(r).id(), r);
        }
        double bar = Math.max(1, rowHeight * 0.6);
        double step = axes.px(1) - axes.px(0);
        for (int r = 0; r < rows.size(); r++) {
            Track t = rows.get(r);
            double mid = TOP + (r + 0.5) * rowHeight;
            Integer parentRow = rowOf.get(t.parent());
            if (parentRow != null) {
                Track parent = rows.get(parentRow);
                double x = axes.px(parent.lastFrame() + 0.5);
                c.line(x, TOP + (parentRow + 0.5) * rowHeight, x, mid, CONNECTOR, 1);
                c.line(x, mid, axes.px(t.firstFrame() - 0.5), mid, CONNECTOR, 1);
            }
            double x0 = axes.px(t.firstFrame() - 0.5);
            c.rect(x0, mid - bar / 2, Math.max(1, (t.lastFrame() - t.firstFrame() + 1) * step - 1), bar,
                    TrackColours.of(t.id()), "track");
            if (rowHeight >= 10) {
                c.text(x0 - 3, mid + 4, Integer.toString(t.id()), Axes.AXIS_COLOUR, PlotCanvas.Anchor.END);
            }
        }
        c.line(LEFT, TOP + rows.size() * rowHeight, LEFT + axes.width, TOP + rows.size() * rowHeight,
                Axes.AXIS_COLOUR, 1);
        for (double tick : Axes.ticks(axes.xMin, axes.xMax, 10)) {
            if (tick == Math.rint(tick)) {
                double x = axes.px(tick);
                c.line(x, axes.top + axes.height, x, axes.top + axes.height + 4, Axes.AXIS_COLOUR, 1);
                c.text(x, axes.top + axes.height + 16, Axes.label(tick), Axes.AXIS_COLOUR, PlotCanvas.Anchor.MIDDLE);
            }
        }
        c.text(LEFT + axes.width / 2, axes.top + axes.height + 34, "frame", Axes.AXIS_COLOUR,
                PlotCanvas.Anchor.MIDDLE);
        c.verticalText(LEFT - 48, TOP + axes.height / 2, "track", Axes.AXIS_COLOUR);
    }

    @Override
    public void writeCsv(Writer out) throws IOException {
        out.write("track_id,parent_track_id,first_frame,last_frame,row\n");
        for (int r = 0; r < rows.size(); r++) {
            Track t = rows.get(r);
            out.write(t.id() + "," + t.parent() + "," + t.firstFrame() + "," + t.lastFrame() + "," + r + "\n");
        }
    }
}
