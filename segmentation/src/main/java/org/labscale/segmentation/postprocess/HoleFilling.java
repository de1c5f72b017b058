package org.labscale.segmentation.postprocess;

import org.labscale.imaging.labels.ConnectedComponentLabeling;
import org.labscale.imaging.labels.Connectivity;
import org.labscale.imaging.labels.LabelImage;

/**
 * Fills holes inside cells: a 4-connected background region that does not touch the image border and whose
 * neighbours all belong to one cell takes that cell's label (the binary-fill-holes of morphological reconstruction,
 * Soille, "Morphological Image Analysis", 2003, applied per label). Background enclosed by two or more cells is a gap
 * between cells, not a hole, and stays background. 4-connected background is the topological dual of the 8-connected
 * cells the other steps produce.
 */
public final class HoleFilling {

    private HoleFilling() {
    }

    public static LabelImage fill(LabelImage cells) {
        int width = cells.width();
        int height = cells.height();
        int[] labels = cells.toArray();
        int[] background = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            background[i] = labels[i] == 0 ? 1 : 0;
        }
        int[] regions = ConnectedComponentLabeling.label(LabelImage.of(width, height, background), Connectivity.FOUR)
                .toArray();
        int count = 0;
        for (int r : regions) {
            count = Math.max(count, r);
        }
        // Per background region: the single neighbouring cell, -1 for several or the border, 0 for none yet.
        int[] owner = new int[count + 1];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = regions[y * width + x];
                if (r == 0 || owner[r] == -1) {
                    continue;
                }
                if (x == 0 || y == 0 || x == width - 1 || y == height - 1) {
                    owner[r] = -1;
                    continue;
                }
                owner[r] = merge(owner[r], labels[y * width + x - 1]);
                owner[r] = merge(owner[r], labels[y * width + x + 1]);
                owner[r] = merge(owner[r], labels[(y - 1) * width + x]);
                owner[r] = merge(owner[r], labels[(y + 1) * width + x]);
            }
        }
        for (int i = 0; i < labels.length; i++) {
            int r = regions[i];
            if (r != 0 && owner[r] > 0) {
                labels[i] = owner[r];
            }
        }
        return LabelImage.of(width, height, labels);
    }

    private static int merge(int owner, int neighbour) {
        if (neighbour == 0 || owner == -1) {
            return owner;
        }
        return owner == 0 || owner == neighbour ? neighbour : -1;
    }
}
