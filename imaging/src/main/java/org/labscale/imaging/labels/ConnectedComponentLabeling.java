package org.labscale.imaging.labels;

import java.util.Arrays;

/**
 * Labels the connected components of the non-zero pixels of an image: two raster passes with a union-find table of
 * provisional labels (Rosenfeld and Pfaltz, "Sequential operations in digital picture processing", J. ACM 13(4), 1966;
 * union-find as in Wu, Otoo and Suzuki, "Optimizing two-pass connected-component labeling algorithms", Pattern Anal.
 * Appl. 12, 2009). Any two adjacent non-zero pixels join, whatever their values, so a binary mask's touching objects
 * stay one component (the method's note: binary masks are split by connected components, touching cells are not
 * separated).
 *
 * <p>Output: 0 stays background; components are numbered 1..N in raster order of their first (top-left-most) pixel.
 * Time O(pixels), memory one int per pixel plus one per provisional label.
 */
public final class ConnectedComponentLabeling {

    private ConnectedComponentLabeling() {
    }

    /** Components of the non-zero pixels under {@code connectivity}. */
    public static LabelImage label(LabelImage mask, Connectivity connectivity) {
        int w = mask.width();
        int h = mask.height();
        int[] in = mask.data();
        int[] out = new int[in.length];
        int[] parent = new int[64];
        int next = 1;
        boolean eight = connectivity == Connectivity.EIGHT;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (in[i] == 0) {
                    continue;
                }
                int label = 0;
                // Already-visited neighbours: W, N and, for 8-connectivity, NW and NE.
                if (x > 0 && out[i - 1] != 0) {
                    label = join(parent, label, out[i - 1]);
                }
                if (y > 0) {
                    if (out[i - w] != 0) {
                        label = join(parent, label, out[i - w]);
                    }
                    if (eight && x > 0 && out[i - w - 1] != 0) {
                        label = join(parent, label, out[i - w - 1]);
                    }
                    if (eight && x < w - 1 && out[i - w + 1] != 0) {
                        label = join(parent, label, out[i - w + 1]);
                    }
                }
                if (label == 0) {
                    if (next == parent.length) {
                        parent = Arrays.copyOf(parent, parent.length * 2);
                    }
                    parent[next] = next;
                    label = next++;
                }
                out[i] = label;
            }
        }
        // Second pass: replace provisional labels by consecutive final ones, in raster order of first appearance.
        int[] finalLabel = new int[next];
        int count = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] != 0) {
                int root = find(parent, out[i]);
                if (finalLabel[root] == 0) {
                    finalLabel[root] = ++count;
                }
                out[i] = finalLabel[root];
            }
        }
        return LabelImage.wrap(w, h, out);
    }

    /** Number of components (the largest label of {@link #label}). */
    public static int count(LabelImage mask, Connectivity connectivity) {
        return label(mask, connectivity).maxLabel();
    }

    /** Unites the sets of {@code a} (0 = none yet) and {@code b}; returns the smaller root. */
    private static int join(int[] parent, int a, int b) {
        int rb = find(parent, b);
        if (a == 0) {
            return rb;
        }
        int ra = find(parent, a);
        if (ra == rb) {
            return ra;
        }
        int root = Math.min(ra, rb);
        parent[Math.max(ra, rb)] = root;
        return root;
    }

    private static int find(int[] parent, int x) {
        int root = x;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[x] != root) { // path compression
            int up = parent[x];
            parent[x] = root;
            x = up;
        }
        return root;
    }
}
