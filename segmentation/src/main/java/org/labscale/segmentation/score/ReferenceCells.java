package org.labscale.segmentation.score;

import org.labscale.imaging.labels.ConnectedComponentLabeling;
import org.labscale.imaging.labels.Connectivity;
import org.labscale.imaging.labels.LabelImage;

/**
 * Turns a reference annotation into reference cells for {@link InstanceScoring}: an instance mask is used as is; a
 * binary mask is split into its 8-connected components (touching cells stay one, as the method notes); a class map
 * (0 background, 1 boundary, 2.. interior classes) gives the 8-connected components of its interior pixels.
 */
public final class ReferenceCells {

    /** How the reference mask encodes cells (the annotation kinds of the platform). */
    public enum Kind { INSTANCE_MASK, BINARY_MASK, CLASS_MAP }

    private ReferenceCells() {
    }

    public static LabelImage of(LabelImage mask, Kind kind) {
        return switch (kind) {
            case INSTANCE_MASK -> mask;
            case BINARY_MASK -> ConnectedComponentLabeling.label(mask, Connectivity.EIGHT);
            case CLASS_MAP -> {
                int[] values = mask.toArray();
                for (int i = 0; i < values.length; i++) {
                    values[i] = values[i] >= 2 ? 1 : 0;
                }
                yield ConnectedComponentLabeling.label(LabelImage.of(mask.width(), mask.height(), values),
                        Connectivity.EIGHT);
            }
        };
    }
}
