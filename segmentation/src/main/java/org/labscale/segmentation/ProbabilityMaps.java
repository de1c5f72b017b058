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
