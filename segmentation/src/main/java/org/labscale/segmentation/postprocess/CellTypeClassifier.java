package org.labscale.segmentation.postprocess;

import org.labscale.imaging.labels.LabelImage;
import org.labscale.segmentation.ProbabilityMaps;

import java.util.ArrayList;
import java.util.List;

/**
 * Cell-type classification of semantic nets (Van Valen et al. 2016, co-cultures of NIH-3T3 and MCF10A): for each cell,
 * the probability of every interior class is summed over the cell's pixels; the cell's class is the one with the
 * largest sum, and its cellular classification score is that sum divided by the sum over all interior classes (1.0
 * when the net is certain; 1/k at chance for k types). For a 3-class net every cell is of the one interior class with
 * score 1.
 */
public final class CellTypeClassifier {

    /** One cell's class: {@code className} is the class name without the {@code interior:} prefix. */
    public record CellClass(int label, String className, double score) {
    }

    private CellTypeClassifier() {
    }

    /** One entry per label 1..max (a label absent from the image gets a score of 0 and the first class). */
    public static List<CellClass> classify(LabelImage cells, ProbabilityMaps maps) {
        if (cells.width() != maps.width() || cells.height() != maps.height()) {
            throw new IllegalArgumentException("cells are " + cells.width() + " x " + cells.height()
                    + " but the probability maps " + maps.width() + " x " + maps.height());
        }
        List<Integer> interior = maps.interiorClasses();
        int max = cells.maxLabel();
        double[][] sums = new double[max + 1][interior.size()];
        int[] labels = cells.toArray();
        for (int c = 0; c < interior.size(); c++) {
            float[] plane = maps.planes()[interior.get(c)];
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] != 0) {
                    sums[labels[i]][c] += plane[i];
                }
            }
        }
        List<CellClass> out = new ArrayList<>(max);
        for (int label = 1; label <= max; label++) {
            double total = 0;
            int best = 0;
            for (int c = 0; c < interior.size(); c++) {
                total += sums[label][c];
                if (sums[label][c] > sums[label][best]) {
                    best = c;
                }
            }
            String name = maps.classes().get(interior.get(best));
            if (name.startsWith(ProbabilityMaps.INTERIOR_PREFIX)) {
                name = name.substring(ProbabilityMaps.INTERIOR_PREFIX.length());
            }
            out.add(new CellClass(label, name, total > 0 ? sums[label][best] / total : 0));
        }
        return out;
    }
}
