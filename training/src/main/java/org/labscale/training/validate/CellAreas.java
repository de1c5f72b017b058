package org.labscale.training.validate;

import java.util.Arrays;
import java.util.List;

import org.labscale.imaging.labels.LabelImage;
import org.labscale.training.data.TrainingImage;

/**
 * The areas of a training set's annotated cells ({@link ClassMapCells}: each interior component grown back over its
 * boundary ring), in pixels, ascending. They size the net ({@link CellSizeCheck}) and the object filters a training
 * tries ({@link PostProcessingSelection#filters(CellAreas)}).
 */
public final class CellAreas {

    private final int[] sorted;

    private CellAreas(int[] sorted) {
        this.sorted = sorted;
    }

    /** Measures every annotated cell of {@code images}. */
    public static CellAreas of(List<TrainingImage> images) {
        int[] all = new int[0];
        int n = 0;
        for (TrainingImage image : images) {
            int[] classes = new int[image.pixels()];
            for (int i = 0; i < classes.length; i++) {
                classes[i] = image.classes()[i] & 0xff;
            }
            LabelImage cells = ClassMapCells.of(LabelImage.of(image.width(), image.height(), classes));
            int[] areas = new int[cells.maxLabel() + 1];
            for (int label : cells.toArray()) {
                areas[label]++;
            }
            for (int l = 1; l < areas.length; l++) {
                if (areas[l] > 0) {
                    if (n == all.length) {
                        all = Arrays.copyOf(all, Math.max(16, n * 2));
                    }
                    all[n++] = areas[l];
                }
            }
        }
        return of(Arrays.copyOf(all, n));
    }

    /** These areas (any order). */
    public static CellAreas of(int... areas) {
        int[] sorted = areas.clone();
        Arrays.sort(sorted);
        return new CellAreas(sorted);
    }

    public int count() {
        return sorted.length;
    }

    /** The {@code q}-quantile (0 to 1, nearest rank) of the areas; 0 without cells. */
    public int quantile(double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /** Median equivalent diameter {@code 2 sqrt(area / pi)} in pixels; 0 without cells. */
    public double medianDiameter() {
        int n = sorted.length;
        if (n == 0) {
            return 0;
        }
        return n % 2 == 1 ? diameter(sorted[n / 2]) : (diameter(sorted[n / 2 - 1]) + diameter(sorted[n / 2])) / 2;
    }

    private static double diameter(int area) {
        return 2 * Math.sqrt(area / Math.PI);
    }
}
