package org.labscale.segmentation.postprocess;

/**
 * Morphological active contour without edges (morphological Chan-Vese, "MorphACWE") of P. Marquez-Neila, L. Baumela
 * and L. Alvarez, "A morphological approach to curvature-based evolution of curves and surfaces", IEEE TPAMI 36(1),
 * 2014. The level set is binary; each iteration (1) computes the mean image value inside ({@code c1}) and outside
 * ({@code c2}) the contour, (2) at pixels on the contour (non-zero central-difference gradient of the level set) sets
 * the level set to 1 where {@code lambda1 (I - c1)^2 < lambda2 (I - c2)^2} and to 0 where it is greater (the image
 * attachment term of Chan and Vese 2001 as a morphological step), then (3) applies the curvature operator
 * {@code smoothing} times, alternating {@code SI o IS} and {@code IS o SI}, where SI (IS) is the supremum of erosions
 * (infimum of dilations) by the four 3-pixel line segments through the pixel. Pixels outside the image count as 0.
 *
 * <p>Guided by the interior probability of a cytoplasm net, the contour grows from nuclear seeds to where the
 * probability drops, as Van Valen et al. 2016 did for mammalian cytoplasm.
 */
public final class MorphologicalChanVese {

    private final int iterations;
    private final int smoothing;
    private final double lambda1;
    private final double lambda2;

    /**
     * @param iterations 1 or more
     * @param smoothing  curvature steps per iteration, 0 or more
     * @param lambda1    weight of the inside term, above 0
     * @param lambda2    weight of the outside term, above 0
     */
    public MorphologicalChanVese(int iterations, int smoothing, double lambda1, double lambda2) {
        if (iterations < 1 || smoothing < 0 || !(lambda1 > 0) || !(lambda2 > 0)) {
            throw new IllegalArgumentException("need iterations >= 1, smoothing >= 0 and positive lambdas, got "
                    + iterations + ", " + smoothing + ", " + lambda1 + ", " + lambda2);
        }
        this.iterations = iterations;
        this.smoothing = smoothing;
        this.lambda1 = lambda1;
        this.lambda2 = lambda2;
    }

    /** Evolves {@code initial} (not modified) over {@code image}; answers the final level set. */
    public boolean[] evolve(float[] image, boolean[] initial, int width, int height) {
        Labels.checkSize(width, height, image.length, "the image");
        Labels.checkSize(width, height, initial.length, "the initial level set");
        boolean[] u = initial.clone();
        boolean[] next = new boolean[u.length];
        boolean[] scratch = new boolean[u.length];
        int curvatureStep = 0;
        for (int it = 0; it < iterations; it++) {
            double sumIn = 0;
            double sumOut = 0;
            int in = 0;
            for (int i = 0; i < u.length; i++) {
                if (u[i]) {
                    sumIn += image[i];
                    in++;
                } else {
                    sumOut += image[i];
                }
            }
            if (in == 0 || in == u.length) {
                break; // no contour left to move
            }
            double c1 = sumIn / in;
            double c2 = sumOut / (u.length - in);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int i = y * width + x;
                    boolean value = u[i];
                    if (onContour(u, x, y, width, height)) {
                        double d = image[i];
                        double aux = lambda1 * (d - c1) * (d - c1) - lambda2 * (d - c2) * (d - c2);
                        if (aux < 0) {
                            value = true;
                        } else if (aux > 0) {
                            value = false;
                        }
                    }
                    next[i] = value;
                }
            }
            boolean[] swap = u;
            u = next;
            next = swap;
            for (int s = 0; s < smoothing; s++) {
                if (curvatureStep++ % 2 == 0) {
                    infOfDilations(u, scratch, width, height);
                    supOfErosions(scratch, u, width, height);
                } else {
                    supOfErosions(u, scratch, width, height);
                    infOfDilations(scratch, u, width, height);
                }
            }
        }
        return u;
    }

    /** Central differences as numpy.gradient (one-sided at the edges): any non-zero component. */
    private static boolean onContour(boolean[] u, int x, int y, int width, int height) {
        int row = y * width;
        if (width > 1) {
            int left = x > 0 ? x - 1 : x;
            int right = x < width - 1 ? x + 1 : x;
            if (u[row + left] != u[row + right]) {
                return true;
            }
        }
        if (height > 1) {
            int up = y > 0 ? y - 1 : y;
            int down = y < height - 1 ? y + 1 : y;
            return u[up * width + x] != u[down * width + x];
        }
        return false;
    }

    /** The four line segments through a pixel: horizontal, vertical, diagonal, anti-diagonal (offsets dx, dy). */
    private static final int[][] SEGMENTS = {{1, 0}, {0, 1}, {1, 1}, {1, -1}};

    /** SI: 1 where some segment through the pixel lies entirely in the set. */
    static void supOfErosions(boolean[] in, boolean[] out, int width, int height) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean any = false;
                if (in[y * width + x]) {
                    for (int[] s : SEGMENTS) {
                        if (at(in, x + s[0], y + s[1], width, height) && at(in, x - s[0], y - s[1], width, height)) {
                            any = true;
                            break;
                        }
                    }
                }
                out[y * width + x] = any;
            }
        }
    }

    /** IS: 0 where some segment through the pixel lies entirely outside the set. */
    static void infOfDilations(boolean[] in, boolean[] out, int width, int height) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean all = true;
                if (!in[y * width + x]) {
                    for (int[] s : SEGMENTS) {
                        if (!at(in, x + s[0], y + s[1], width, height) && !at(in, x - s[0], y - s[1], width, height)) {
                            all = false;
                            break;
                        }
                    }
                }
                out[y * width + x] = all;
            }
        }
    }

    private static boolean at(boolean[] u, int x, int y, int width, int height) {
        return x >= 0 && y >= 0 && x < width && y < height && u[y * width + x];
    }
}
