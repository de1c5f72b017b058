package org.labscale.tracking.ktr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.labscale.imaging.labels.LabelImage;

/**
 * Kinase translocation reporter read-out of one frame (Van Valen et al. 2016, Fig 4; Regot et al. 2014): for each
 * nucleus of a nuclear mask, the reporter's mean over the nucleus, over an inner and an outer cytoring (the
 * background pixels whose nearest nucleus it is, within the ring's width in pixels, Euclidean), and the paper's
 * two-compartment estimate fitted to the outer ring's pixels, which stands for the cell's cytoplasm.
 */
public final class KtrMeasurer {

    private final int innerRing;
    private final int outerRing;

    /**
     * @param innerRing width of the inner cytoring in pixels, >= 1 (the paper compares 5)
     * @param outerRing width of the outer cytoring, the cytoplasm, > innerRing (the paper compares 25)
     */
    public KtrMeasurer(int innerRing, int outerRing) {
        if (innerRing < 1 || outerRing <= innerRing) {
            throw new IllegalArgumentException("cytorings need 1 <= inner < outer pixels, were inner " + innerRing
                    + ", outer " + outerRing);
        }
        this.innerRing = innerRing;
        this.outerRing = outerRing;
    }

    public int innerRing() {
        return innerRing;
    }

    public int outerRing() {
        return outerRing;
    }

    /**
     * @param nuclei   the frame's nuclear mask
     * @param reporter the reporter channel, row-major, same size
     * @return one cell per label present, in label order
     */
    public List<KtrCell> measure(LabelImage nuclei, float[] reporter) {
        int n = nuclei.width() * nuclei.height();
        if (reporter.length != n) {
            throw new IllegalArgumentException("the reporter image has " + reporter.length + " pixels, the nuclear"
                    + " mask " + nuclei.width() + "x" + nuclei.height());
        }
        int[] labels = nuclei.toArray();
        int max = nuclei.maxLabel();
        NearestNucleus nearest = NearestNucleus.of(nuclei);
        int[] owner = nearest.labels();
        long[] d2 = nearest.distances2();
        long inner2 = (long) innerRing * innerRing;
        long outer2 = (long) outerRing * outerRing;
        double[] nucleusSum = new double[max + 1];
        int[] nucleusCount = new int[max + 1];
        double[] innerSum = new double[max + 1];
        int[] innerCount = new int[max + 1];
        double[] outerSum = new double[max + 1];
        int[] outerCount = new int[max + 1];
        for (int p = 0; p < n; p++) {
            if (labels[p] > 0) {
                nucleusSum[labels[p]] += reporter[p];
                nucleusCount[labels[p]]++;
            } else if (owner[p] > 0 && d2[p] <= outer2) {
                outerSum[owner[p]] += reporter[p];
                outerCount[owner[p]]++;
                if (d2[p] <= inner2) {
                    innerSum[owner[p]] += reporter[p];
                    innerCount[owner[p]]++;
                }
            }
        }
        double[][] values = new double[max + 1][];
        double[][] distances = new double[max + 1][];
        int[] fill = new int[max + 1];
        for (int l = 1; l <= max; l++) {
            values[l] = new double[outerCount[l]];
            distances[l] = new double[outerCount[l]];
        }
        for (int p = 0; p < n; p++) {
            int l = owner[p];
            if (labels[p] == 0 && l > 0 && d2[p] <= outer2) {
                values[l][fill[l]] = reporter[p];
                distances[l][fill[l]++] = Math.sqrt(d2[p]);
            }
        }
        List<KtrCell> cells = new ArrayList<>();
        for (int l = 1; l <= max; l++) {
            if (nucleusCount[l] == 0) {
                continue;
            }
            double tcMean = Double.NaN;
            double tcWeight = Double.NaN;
            if (outerCount[l] >= 2) {
                TwoCompartmentEstimate estimate = TwoCompartmentEstimate.of(values[l], distances[l]);
                tcMean = estimate.mean();
                tcWeight = estimate.weight();
            }
            cells.add(new KtrCell(l, nucleusSum[l] / nucleusCount[l], mean(innerSum[l], innerCount[l]),
                    mean(outerSum[l], outerCount[l]), outerCount[l], tcMean, tcWeight));
        }
        return cells;
    }

    /**
     * {@link #measure(LabelImage, float[])} with each nucleus' cytoplasm also read from a whole-cell segmentation of
     * the same frame ({@link CellCytoplasm}).
     *
     * @param cells the frame's cells (e.g. ACTIVE_CONTOURS grown from these nuclei), same size
     */
    public List<KtrCell> measure(LabelImage nuclei, float[] reporter, LabelImage cells) {
        Map<Integer, CellCytoplasm.Reading> cytoplasm = CellCytoplasm.measure(nuclei, cells, reporter);
        List<KtrCell> out = new ArrayList<>();
        for (KtrCell cell : measure(nuclei, reporter)) {
            out.add(cell.withCellCytoplasm(cytoplasm.get(cell.label())));
        }
        return out;
    }

    private static double mean(double sum, int count) {
        return count == 0 ? Double.NaN : sum / count;
    }
}
