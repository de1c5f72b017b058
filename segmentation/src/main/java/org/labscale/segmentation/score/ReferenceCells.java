package org.labscale.segmentation.score;

import org.labscale.imaging.labels.ConnectedComponentLabeling;
import org.labscale.imaging.labels.Connectivity;
import org.labscale.imaging.labels.LabelImage;

/**
 * Turns a reference annotation into reference cells for {@link InstanceScoring}: an instance mask is used as is; a
 * binary mask is split into its 8-connected components (touching cells stay one, as the method notes); a class map
 * (0 background, 1 boundary, 2.. interior classes) gives the 4-connected components of each interior class: a
 * boundary line one pixel wide separates touching cells only 4-connectedly (diagonally their interiors meet), and
 * cells of two types that touch stay two.
 */
public final class ReferenceCells {

    /** How the reference mask encodes cells (the annotation kinds of the platform). */
    public enum Kind { INSTANCE_MASK, BINARY_MASK, CLASS_MAP }

    private ReferenceCells() {
    }

    private static LabelImage classCells(LabelImage mask) {
        int[] values = mask.toArray();
        int[] out = new int[values.length];
        int next = 0;
        for (int k = 2; k <= mask.maxLabel(); k++) {
            int[] only = new int[values.length];
            boolean any = false;
            for (int i = 0; i < values.length; i++) {
                if (values[i] == k) {
                    only[i] = 1;
                    any = true;
                }
            }
            if (!any) {
                continue;
            }
            int[] cells = ConnectedComponentLabeling.label(LabelImage.of(mask.width(), mask.height(), only),
                    Connectivity.FOUR).toArray();
            int most = 0;
            for (int i = 0; i < cells.length; i++) {
                if (cells[i] != 0) {
                    out[i] = next + cells[i];
                    most = Math.max(most, cells[i]);
                }
            }
            next += most;
        }
        return LabelImage.of(mask.width(), mask.height(), out);
    }

    public static LabelImage of(LabelImage mask, Kind kind) {
        return switch (kind) {
            case INSTANCE_MASK -> mask;
            case BINARY_MASK -> ConnectedComponentLabeling.label(mask, Connectivity.EIGHT);
            case CLASS_MAP -> classCells(mask);
        };
    }
}
