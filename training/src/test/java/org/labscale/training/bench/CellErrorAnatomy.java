package org.labscale.training.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.segmentation.score.CellScore;
import org.labscale.segmentation.score.ImageScores;

/**
 * Why reference cells score low (issue 20's bacteria study): each reference cell with Jaccard below 0.5 is a
 * <em>merge</em> (its best segmented cell also covers more than half of another reference cell), a <em>miss</em>
 * (segmented cells cover less than half of it), a <em>fragment</em> (covered, but by several cells, none with half of
 * it) or <em>shape</em> (the rest: one cell, outline off). Also one-pixel erosion and dilation of labels, the
 * boundary-placement sensitivity of per-cell Jaccard, and an overlay PNG to look at.
 */
final class CellErrorAnatomy {

    private CellErrorAnatomy() {
    }

    /** Counts per category and the mean Jaccard of the cells at 0.5 or more. */
    record Summary(int cells, int good, double goodJaccard, double goodAreaRatio, int merges, int misses,
                   int fragments, int shape, Map<Integer, String> category) {

        String line() {
            return String.format(Locale.ROOT, "cells %d, J>=.5 %d (mean J %.3f, area ratio %.2f), J<.5: merge %d,"
                    + " miss %d, fragment %d, shape %d", cells, good, goodJaccard, goodAreaRatio, merges, misses,
                    fragments, shape);
        }
    }

    static Summary of(LabelImage reference, LabelImage segmented, ImageScores scores) {
        int[] r = reference.toArray();
        int[] s = segmented.toArray();
        int[] refArea = new int[reference.maxLabel() + 1];
        Map<Long, Integer> overlap = new HashMap<>();
        for (int i = 0; i < r.length; i++) {
            refArea[r[i]]++;
            if (r[i] != 0 && s[i] != 0) {
                overlap.merge(((long) r[i] << 32) | s[i], 1, Integer::sum);
            }
        }
        int[] segArea = new int[segmented.maxLabel() + 1];
        for (int v : s) {
            segArea[v]++;
        }
        Map<Integer, String> category = new HashMap<>();
        int good = 0;
        double goodJ = 0;
        double goodArea = 0;
        int merges = 0;
        int misses = 0;
        int fragments = 0;
        int shape = 0;
        for (CellScore c : scores.cells()) {
            int ref = c.referenceLabel();
            if (c.jaccard() >= 0.5) {
                good++;
                goodJ += c.jaccard();
                goodArea += (double) segArea[c.matchedLabel()] / refArea[ref];
                continue;
            }
            int covered = 0;
            int best = 0;
            int bestSeg = 0;
            for (Map.Entry<Long, Integer> e : overlap.entrySet()) {
                if ((int) (e.getKey() >>> 32) == ref) {
                    covered += e.getValue();
                    if (e.getValue() > best) {
                        best = e.getValue();
                        bestSeg = (int) (long) e.getKey();
                    }
                }
            }
            boolean merged = false;
            for (Map.Entry<Long, Integer> e : overlap.entrySet()) {
                int other = (int) (e.getKey() >>> 32);
                merged |= bestSeg != 0 && (int) (long) e.getKey() == bestSeg && other != ref
                        && e.getValue() * 2 > refArea[other] && best * 2 > refArea[ref];
            }
            String cat;
            if (merged || bestSeg != 0 && best * 2 > refArea[ref] && segArea[bestSeg] > 2 * refArea[ref]) {
                cat = "merge";
                merges++;
            } else if (covered * 2 < refArea[ref]) {
                cat = "miss";
                misses++;
            } else if (best * 2 < refArea[ref]) {
                cat = "fragment";
                fragments++;
            } else {
                cat = "shape";
                shape++;
            }
            category.put(ref, cat);
        }
        return new Summary(scores.cells().size(), good, good == 0 ? 0 : goodJ / good,
                good == 0 ? 0 : goodArea / good, merges, misses, fragments, shape, category);
    }

    /**
     * Mean per-cell Jaccard (each reference cell against its matched cell in {@code scores}; 0 without one) with the
     * pixels within one pixel of a reference outline left out of both overlap and union: the band a one-pixel outline
     * shift changes. Answers {mean over all cells, mean over the cells whose plain Jaccard is at least 0.5}.
     */
    static double[] outsideBandJaccard(LabelImage reference, LabelImage segmented, ImageScores scores) {
        int w = reference.width();
        int h = reference.height();
        int[] r = reference.toArray();
        int[] s = segmented.toArray();
        Map<Integer, Integer> match = new HashMap<>();
        for (CellScore c : scores.cells()) {
            match.put(c.referenceLabel(), c.matchedLabel());
        }
        Map<Integer, int[]> counts = new HashMap<>(); // reference label -> {overlap, union}
        Map<Integer, Integer> matchedBy = new HashMap<>(); // segmented label -> reference labels matched to it
        for (Map.Entry<Integer, Integer> e : match.entrySet()) {
            counts.put(e.getKey(), new int[2]);
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int v = r[i];
                if (edge(r, w, h, x, y) || (x > 0 && r[i - 1] != v && r[i - 1] != 0 && edge(r, w, h, x - 1, y))
                        || (x + 1 < w && r[i + 1] != v && edge(r, w, h, x + 1, y))
                        || (y > 0 && r[i - w] != v && edge(r, w, h, x, y - 1))
                        || (y + 1 < h && r[i + w] != v && edge(r, w, h, x, y + 1))) {
                    continue; // on or beside a reference outline
                }
                if (v != 0) {
                    int[] c = counts.get(v);
                    int m = match.getOrDefault(v, 0);
                    c[1]++;
                    if (m != 0 && s[i] == m) {
                        c[0]++;
                    }
                }
                if (s[i] != 0) {
                    for (Map.Entry<Integer, Integer> e : match.entrySet()) {
                        if (e.getValue() == s[i] && e.getKey() != v) {
                            counts.get(e.getKey())[1]++;
                        }
                    }
                }
            }
        }
        double all = 0;
        double good = 0;
        int nGood = 0;
        for (CellScore c : scores.cells()) {
            int[] k = counts.get(c.referenceLabel());
            double j = c.matchedLabel() == 0 || k[1] == 0 ? 0 : (double) k[0] / k[1];
            all += j;
            if (c.jaccard() >= 0.5) {
                good += j;
                nGood++;
            }
        }
        return new double[] {all / scores.cells().size(), nGood == 0 ? 0 : good / nGood};
    }

    /** Pixel-level Jaccard of the two foregrounds (every cell pixel against every cell pixel, identities ignored). */
    static double foregroundJaccard(LabelImage reference, LabelImage segmented) {
        int[] r = reference.toArray();
        int[] s = segmented.toArray();
        int both = 0;
        int either = 0;
        for (int i = 0; i < r.length; i++) {
            both += r[i] != 0 && s[i] != 0 ? 1 : 0;
            either += r[i] != 0 || s[i] != 0 ? 1 : 0;
        }
        return either == 0 ? 1 : (double) both / either;
    }

    /** Every label pixel with a 4-neighbour (inside the image) of another value becomes background. */
    static LabelImage erode(LabelImage labels) {
        return perPixel(labels, (in, w, h, x, y) -> {
            int v = in[y * w + x];
            return v != 0 && (differs(in, w, h, x - 1, y, v) || differs(in, w, h, x + 1, y, v)
                    || differs(in, w, h, x, y - 1, v) || differs(in, w, h, x, y + 1, v)) ? 0 : v;
        });
    }

    /**
     * Every cell-to-cell contact moved by one pixel: a labelled pixel with a 4-neighbour of a larger label takes that
     * label (the touching cells' dividing line shifted, the outlines against the background kept).
     */
    static LabelImage shiftContacts(LabelImage labels) {
        return perPixel(labels, (in, w, h, x, y) -> {
            int v = in[y * w + x];
            int n = largestNeighbour(in, w, h, x, y);
            return v != 0 && n > v ? n : v;
        });
    }

    /** Every background pixel with a labelled 4-neighbour takes the largest such label. */
    static LabelImage dilate(LabelImage labels) {
        return perPixel(labels, (in, w, h, x, y) -> in[y * w + x] == 0 ? largestNeighbour(in, w, h, x, y)
                : in[y * w + x]);
    }

    /** A pixel's new label from the old image around it. */
    private interface PixelRule {
        int apply(int[] in, int w, int h, int x, int y);
    }

    private static LabelImage perPixel(LabelImage labels, PixelRule rule) {
        int w = labels.width();
        int h = labels.height();
        int[] in = labels.toArray();
        int[] out = new int[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = rule.apply(in, w, h, x, y);
            }
        }
        return LabelImage.of(w, h, out);
    }

    /**
     * Phase (left) and the same with outlines (right), each pixel {@code zoom x zoom}: reference green, segmented
     * red, both yellow; reference cells below 0.5 tinted by category (merge magenta, miss blue, fragment cyan, shape
     * orange).
     */
    static void writeOverlay(Path png, FloatPlane phase, LabelImage reference, LabelImage segmented,
                             Map<Integer, String> category, int zoom) throws IOException {
        int w = phase.width();
        int h = phase.height();
        float[] sorted = phase.pixels().clone();
        Arrays.sort(sorted);
        float lo = sorted[sorted.length / 100];
        float hi = sorted[sorted.length * 99 / 100];
        int[] r = reference.toArray();
        int[] s = segmented.toArray();
        BufferedImage img = new BufferedImage(2 * w * zoom, h * zoom, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int g = (int) Math.max(0, Math.min(255, 255 * (phase.get(x, y) - lo) / (hi - lo)));
                int grey = g << 16 | g << 8 | g;
                int rgb = grey;
                String cat = category.get(r[y * w + x]);
                if (cat != null) {
                    int tint = switch (cat) {
                        case "merge" -> 0xff00ff;
                        case "miss" -> 0x3060ff;
                        case "fragment" -> 0x00ffff;
                        default -> 0xff9900;
                    };
                    rgb = mix(grey, tint);
                }
                boolean refEdge = edge(r, w, h, x, y);
                boolean segEdge = edge(s, w, h, x, y);
                if (refEdge && segEdge) {
                    rgb = 0xffff00;
                } else if (refEdge) {
                    rgb = 0x00d000;
                } else if (segEdge) {
                    rgb = 0xff2020;
                }
                for (int dy = 0; dy < zoom; dy++) {
                    for (int dx = 0; dx < zoom; dx++) {
                        img.setRGB(x * zoom + dx, y * zoom + dy, grey);
                        img.setRGB((w + x) * zoom + dx, y * zoom + dy, rgb);
                    }
                }
            }
        }
        ImageIO.write(img, "png", png.toFile());
    }

    private static int mix(int a, int b) {
        int out = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            out |= ((((a >> shift) & 255) + ((b >> shift) & 255)) / 2) << shift;
        }
        return out;
    }

    /** A labelled pixel with a 4-neighbour of another value inside the image. */
    private static boolean edge(int[] labels, int w, int h, int x, int y) {
        int v = labels[y * w + x];
        return v != 0 && (differs(labels, w, h, x - 1, y, v) || differs(labels, w, h, x + 1, y, v)
                || differs(labels, w, h, x, y - 1, v) || differs(labels, w, h, x, y + 1, v));
    }

    private static boolean differs(int[] labels, int w, int h, int x, int y, int v) {
        return x >= 0 && y >= 0 && x < w && y < h && labels[y * w + x] != v;
    }

    /** The largest label among the 4-neighbours of (x, y), 0 outside the image. */
    private static int largestNeighbour(int[] labels, int w, int h, int x, int y) {
        return Math.max(Math.max(at(labels, w, h, x - 1, y), at(labels, w, h, x + 1, y)),
                Math.max(at(labels, w, h, x, y - 1), at(labels, w, h, x, y + 1)));
    }

    private static int at(int[] labels, int w, int h, int x, int y) {
        return x >= 0 && y >= 0 && x < w && y < h ? labels[y * w + x] : 0;
    }
}
