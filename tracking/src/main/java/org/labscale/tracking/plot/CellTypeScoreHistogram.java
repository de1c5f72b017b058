package org.labscale.tracking.plot;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Histogram of the cellular classification scores of a semantic net (Van Valen et al. 2016, Fig 5c): for each cell
 * the share of its summed interior probability that went to the class it was given, from {@code 1/k} (chance among
 * {@code k} types) to 1 (certain). Bars are stacked by the class the cells were given, so a reader sees how sure the
 * net was of each type; cells typed wrongly are expected near chance. Bins are equal over [0, 1]. CSV:
 * {@code bin_from,bin_to,<class>...} (cells per class and bin).
 */
public final class CellTypeScoreHistogram implements Figure {

    /** One classified cell. */
    public record Cell(String className, double score) {
    }

    static final int[] COLOURS = {0x4477aa, 0xee6677, 0x228833, 0xccbb44, 0x66ccee, 0xaa3377, 0xbbbbbb};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;

    private final List<String> classes;
    private final int[][] counts;

    /**
     * @param classes the cell types in legend order (cells of a type not listed are ignored)
     * @param cells   every classified cell, scores in [0, 1]
     * @param bins    number of bins, >= 1
     */
    public CellTypeScoreHistogram(List<String> classes, List<Cell> cells, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, was " + bins);
        }
        this.classes = List.copyOf(classes);
        this.counts = new int[classes.size()][bins];
        for (Cell cell : cells) {
            int k = this.classes.indexOf(cell.className());
            if (k >= 0) {
                counts[k][Math.min(bins - 1, Math.max(0, (int) (cell.score() * bins)))]++;
            }
        }
    }

    /** Cells of class {@code k} (legend order) per bin. */
    public int[] counts(int k) {
        return counts[k].clone();
    }

    private int bins() {
        return counts.length == 0 ? 1 : counts[0].length;
    }

    private double binFrom(int bin) {
        return (double) bin / bins();
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
        int top = 0;
        for (int b = 0; b < bins(); b++) {
            int stack = 0;
            for (int[] perClass : counts) {
                stack += perClass[b];
            }
            top = Math.max(top, stack);
        }
        Axes axes = new Axes(70, 30, WIDTH - 230, HEIGHT - 90, 0, 1, 0, Math.max(1, top) * 1.05);
        c.text(WIDTH / 2.0, 18, "Cellular classification scores", Axes.AXIS_COLOUR, PlotCanvas.Anchor.MIDDLE);
        for (int b = 0; b < bins(); b++) {
            double x0 = axes.px(binFrom(b));
            double x1 = axes.px(binFrom(b + 1));
            int below = 0;
            for (int k = 0; k < counts.length; k++) {
                if (counts[k][b] > 0) {
                    double y = axes.py(below + counts[k][b]);
                    c.rect(x0, y, Math.max(1, x1 - x0 - 1), axes.py(below) - y, colour(k), "bar");
                    below += counts[k][b];
                }
            }
        }
        for (int k = 0; k < classes.size(); k++) {
            double y = 40 + 18 * k;
            c.rect(WIDTH - 150, y - 9, 10, 10, colour(k), "legend");
            c.text(WIDTH - 135, y, classes.get(k), Axes.AXIS_COLOUR, PlotCanvas.Anchor.START);
        }
        axes.draw(c, "classification score (share of the cell's interior probability)", "cells");
    }

    private static int colour(int k) {
        return COLOURS[k % COLOURS.length];
    }

    @Override
    public void writeCsv(Writer out) throws IOException {
        List<String> header = new ArrayList<>(List.of("bin_from", "bin_to"));
        classes.stream().map(CellTypeScoreHistogram::csvField).forEach(header::add);
        out.write(String.join(",", header) + "\n");
        for (int b = 0; b < bins(); b++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%.4f,%.4f", binFrom(b), binFrom(b + 1)));
            for (int[] perClass : counts) {
                row.append(',').append(perClass[b]);
            }
            out.write(row + "\n");
        }
    }

    /** A class name as one CSV field (quoted when it holds a comma or a quote). */
    private static String csvField(String name) {
        return name.contains(",") || name.contains("\"") ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
    }
}
