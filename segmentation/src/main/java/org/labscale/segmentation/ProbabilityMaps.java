package org.labscale.segmentation;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-pixel class probabilities of one image: one row-major plane of {@code width * height} floats per class, in
 * the model's class order (e.g. {@code background, boundary, interior} or, for semantic nets, several
 * {@code interior:<cell type>} classes).
 *
 * @param width   columns
 * @param height  rows
 * @param classes class names, one per plane
 * @param planes  the probabilities, {@code planes[k][y * width + x]}; owned by this object
 */
public record ProbabilityMaps(int width, int height, List<String> classes, float[][] planes) {

    /** Name of the single interior class of a 3-class net. */
    public static final String INTERIOR = "interior";
    /** Name of the background class (by the platform's convention the first class, see {@code ModelCard}). */
    public static final String BACKGROUND = "background";
    /** Prefix of the interior classes of a semantic net ({@code interior:NIH-3T3}). */
    public static final String INTERIOR_PREFIX = "interior:";

    public ProbabilityMaps {
        classes = List.copyOf(classes);
        if (width < 1 || height < 1 || planes.length != classes.size()) {
            throw new IllegalArgumentException("need width, height >= 1 and one plane per class, got " + width + " x "
                    + height + ", " + planes.length + " planes for " + classes.size() + " classes");
        }
        for (float[] plane : planes) {
            if (plane.length != width * height) {
                throw new IllegalArgumentException("every plane must hold " + width * height + " values, got "
                        + plane.length);
            }
        }
        if (interiorIndices(classes).isEmpty()) {
            throw new IllegalArgumentException("the classes " + classes + " have no interior class (\"" + INTERIOR
                    + "\" or \"" + INTERIOR_PREFIX + "<type>\")");
        }
    }

    /** Indices of the interior classes, in class order. */
    public List<Integer> interiorClasses() {
        return interiorIndices(classes);
    }

    /** The interior probability: the sum of the interior classes' planes (a new array). */
    public float[] interior() {
        float[] sum = new float[width * height];
        for (int k : interiorClasses()) {
            float[] plane = planes[k];
            for (int i = 0; i < sum.length; i++) {
                sum[i] += plane[i];
            }
        }
        return sum;
    }

    /** Index of the background class: the class named {@value #BACKGROUND}, else the first class. */
    public int backgroundClass() {
        int k = classes.indexOf(BACKGROUND);
        return k < 0 ? 0 : k;
    }

    /**
     * Pixels whose most likely class is not background (boundary or an interior class); a tie with background counts
     * as background.
     */
    public boolean[] notBackground() {
        int bg = backgroundClass();
        float[] background = planes[bg];
        boolean[] out = new boolean[width * height];
        for (int k = 0; k < planes.length; k++) {
            if (k == bg) {
                continue;
            }
            float[] plane = planes[k];
            for (int i = 0; i < out.length; i++) {
                out[i] |= plane[i] > background[i];
            }
        }
        return out;
    }

    private static List<Integer> interiorIndices(List<String> classes) {
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            String name = classes.get(k);
            if (name.equals(INTERIOR) || name.startsWith(INTERIOR_PREFIX)) {
                out.add(k);
            }
        }
        return out;
    }
}
