package org.labscale.tracking.ktr;

import java.util.HashMap;
import java.util.Map;

import org.labscale.imaging.labels.LabelImage;

/**
 * The cytoplasm of each nucleus taken from a whole-cell segmentation of the same frame (the "cytoplasm from a
 * cytoplasm model or ACTIVE_CONTOURS", Van Valen et al. 2016, Fig 4): the pixels of the nucleus' cell that lie in no
 * nucleus. A nucleus' cell is the cell label holding most of its pixels, whatever the cells' numbering (a
 * segmentation relabels its cells). A cell that holds two or more nuclei (the cell model merged two cells) gives each
 * of them the cytoplasm pixels nearest to it ({@link NearestNucleus}); cells without a nucleus are not read.
 */
public final class CellCytoplasm {

    /**
     * The reporter over one nucleus' cytoplasm.
     *
     * @param mean   mean reporter intensity ({@code NaN} without pixels)
     * @param pixels cytoplasm pixels
     */
    public record Reading(double mean, int pixels) {
    }

    private CellCytoplasm() {
    }

    /**
     * @param nuclei   the frame's nuclear mask
     * @param cells    the frame's whole-cell mask, same size
     * @param reporter the reporter channel, row-major, same size
     * @return a reading for every nucleus label present (pixels 0 where no cell holds it)
     */
    public static Map<Integer, Reading> measure(LabelImage nuclei, LabelImage cells, float[] reporter) {
        int n = nuclei.width() * nuclei.height();
        if (cells.width() != nuclei.width() || cells.height() != nuclei.height() || reporter.length != n) {
            throw new IllegalArgumentException("the cell mask (" + cells.width() + "x" + cells.height() + ") and the"
                    + " reporter (" + reporter.length + " pixels) must be the size of the nuclear mask ("
                    + nuclei.width() + "x" + nuclei.height() + ")");
        }
        int[] nucleus = nuclei.toArray();
        int[] cell = cells.toArray();
        int[] cellOfNucleus = cellOfEachNucleus(nucleus, cell, nuclei.maxLabel());
        int[] nucleiInCell = new int[cells.maxLabel() + 1];
        int[] soleNucleus = new int[cells.maxLabel() + 1];
        for (int l = 1; l < cellOfNucleus.length; l++) {
            if (cellOfNucleus[l] > 0) {
                nucleiInCell[cellOfNucleus[l]]++;
                soleNucleus[cellOfNucleus[l]] = l;
            }
        }
        int[] nearest = null;
        double[] sum = new double[cellOfNucleus.length];
        int[] count = new int[cellOfNucleus.length];
        for (int p = 0; p < n; p++) {
            int c = cell[p];
            if (nucleus[p] != 0 || c == 0 || nucleiInCell[c] == 0) {
                continue;
            }
            int owner = soleNucleus[c];
            if (nucleiInCell[c] > 1) {
                if (nearest == null) {
                    nearest = NearestNucleus.of(nuclei).labels();
                }
                owner = cellOfNucleus[nearest[p]] == c ? nearest[p] : 0;
            }
            if (owner > 0) {
                sum[owner] += reporter[p];
                count[owner]++;
            }
        }
        Map<Integer, Reading> readings = new HashMap<>();
        for (int l = 1; l < cellOfNucleus.length; l++) {
            if (cellOfNucleus[l] >= 0) {
                readings.put(l, new Reading(count[l] == 0 ? Double.NaN : sum[l] / count[l], count[l]));
            }
        }
        return readings;
    }

    /** For each nucleus label, the cell holding most of its pixels (0: none; -1: the label is absent). */
    private static int[] cellOfEachNucleus(int[] nucleus, int[] cell, int maxNucleus) {
        Map<Long, Integer> overlap = new HashMap<>();
        int[] size = new int[maxNucleus + 1];
        for (int p = 0; p < nucleus.length; p++) {
            if (nucleus[p] > 0) {
                size[nucleus[p]]++;
                if (cell[p] > 0) {
                    overlap.merge(((long) nucleus[p] << 32) | cell[p], 1, Integer::sum);
                }
            }
        }
        int[] best = new int[maxNucleus + 1];
        int[] bestCount = new int[maxNucleus + 1];
        for (int l = 0; l <= maxNucleus; l++) {
            best[l] = size[l] == 0 ? -1 : 0;
        }
        overlap.forEach((key, count) -> {
            int l = (int) (key >>> 32);
            int c = (int) (long) key;
            if (count > bestCount[l] || (count == bestCount[l] && c < best[l])) {
                bestCount[l] = count;
                best[l] = c;
            }
        });
        return best;
    }
}
