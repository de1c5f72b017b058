package org.labscale.imaging.labels;

import java.util.function.IntUnaryOperator;

/**
 * Derives the per-pixel training classes of Van Valen et al. (PLoS Comput Biol 12(11): e1005177, 2016) from an
 * instance mask: 0 background, 1 boundary, 2 interior. A cell pixel is boundary when at least one neighbour inside the
 * image has another label, background included; pixels beyond the image edge do not count as background, so a cell cut
 * by the border gets no artificial boundary there. With {@link Connectivity#EIGHT} (the default choice of the platform)
 * diagonal contacts also make boundary, giving a closed boundary ring without diagonal gaps between touching cells.
 *
 * <p>For co-cultures, {@link #fromInstances(LabelImage, Connectivity, IntUnaryOperator)} assigns each cell's interior
 * its cell type's class (2, 3, ...).
 */
public final class BoundaryInteriorMap {

    /** Class of background pixels. */
    public static final int BACKGROUND = 0;
    /** Class of cell pixels touching another label or the background. */
    public static final int BOUNDARY = 1;
    /** Class of the remaining cell pixels (single cell type). */
    public static final int INTERIOR = 2;

    private BoundaryInteriorMap() {
    }

    /**
     * The class map training uses for an annotation of {@code kind} (already validated, see {@link LabelValidator}):
     * a class map as it is; an instance mask as {@link #fromInstances(LabelImage, Connectivity)} with
     * {@link Connectivity#EIGHT}; a binary mask split into 8-connected components first
     * ({@link ConnectedComponentLabeling}), then the same.
     */
    public static LabelImage classMap(LabelImage labels, LabelKind kind) {
        return switch (kind) {
            case CLASS_MAP -> labels;
            case INSTANCE_MASK -> fromInstances(labels, Connectivity.EIGHT);
            case BINARY_MASK -> fromInstances(ConnectedComponentLabeling.label(labels, Connectivity.EIGHT),
                    Connectivity.EIGHT);
        };
    }

    /** The 3-class map (0 background, 1 boundary, 2 interior). */
    public static LabelImage fromInstances(LabelImage instances, Connectivity neighbourhood) {
        return fromInstances(instances, neighbourhood, label -> INTERIOR);
    }

    /**
     * A class map whose interior class depends on the cell: {@code interiorClass.applyAsInt(label)} must be >= 2.
     *
     * @throws IllegalArgumentException an interior class below 2
     */
    public static LabelImage fromInstances(LabelImage instances, Connectivity neighbourhood,
                                           IntUnaryOperator interiorClass) {
        int w = instances.width();
        int h = instances.height();
        int[] in = instances.data();
        int[] out = new int[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int label = in[i];
                if (label == 0) {
                    continue;
                }
                boolean boundary = false;
                for (int k = 0; k < neighbourhood.size() && !boundary; k++) {
                    int nx = x + neighbourhood.dx(k);
                    int ny = y + neighbourhood.dy(k);
                    boundary = nx >= 0 && ny >= 0 && nx < w && ny < h && in[ny * w + nx] != label;
                }
                if (boundary) {
                    out[i] = BOUNDARY;
                } else {
                    int cls = interiorClass.applyAsInt(label);
                    if (cls < INTERIOR) {
                        throw new IllegalArgumentException("interior class of label " + label + " must be >= 2, got "
                                + cls);
                    }
                    out[i] = cls;
                }
            }
        }
        return LabelImage.wrap(w, h, out);
    }
}
