package org.labscale.training.validate;

import org.labscale.imaging.labels.BoundaryInteriorMap;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.segmentation.score.ReferenceCells;

/**
 * Reference cells of a training class map (0 background, 1 boundary, 2.. interior), which is all a training job
 * receives of its annotations: the 8-connected components of the interior pixels ({@link ReferenceCells}), each
 * grown back over the boundary ring that {@link BoundaryInteriorMap} cut off it (every boundary pixel joins an
 * 8-neighbouring interior cell, the lowest label on ties). A cell too thin to have any interior pixel is lost.
 */
public final class ClassMapCells {

    private ClassMapCells() {
    }

    public static LabelImage of(LabelImage classMap) {
        LabelImage interior = ReferenceCells.of(classMap, ReferenceCells.Kind.CLASS_MAP);
        int w = classMap.width();
        int h = classMap.height();
        int[] classes = classMap.toArray();
        int[] in = interior.toArray();
        int[] out = in.clone();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (classes[i] != BoundaryInteriorMap.BOUNDARY) {
                    continue;
                }
                int best = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < w && ny < h) {
                            int label = in[ny * w + nx];
                            if (label != 0 && (best == 0 || label < best)) {
                                best = label;
                            }
                        }
                    }
                }
                out[i] = best;
            }
        }
        return LabelImage.of(w, h, out);
    }
}
