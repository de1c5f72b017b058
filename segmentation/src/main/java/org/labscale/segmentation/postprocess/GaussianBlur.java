package org.labscale.segmentation.postprocess;

/**
 * A separable Gaussian blur of a plane (kernel radius {@code ceil(3 sigma)}, normalised to sum 1), the border mirrored
 * (reflect without repeating the edge pixel, as {@code scipy.ndimage}'s "mirror"), so a flat plane stays flat.
 */
final class GaussianBlur {

    private GaussianBlur() {
    }

    /** The blurred copy of {@code plane} ({@code width x height}, row-major); sigma 0 copies it. */
    static float[] blur(float[] plane, int width, int height, double sigma) {
        if (sigma <= 0) {
            return plane.clone();
        }
        float[] kernel = kernel(sigma);
        float[] rows = new float[plane.length];
        int r = kernel.length / 2;
        for (int y = 0; y < height; y++) {
            int at = y * width;
            for (int x = 0; x < width; x++) {
                double sum = 0;
                for (int k = -r; k <= r; k++) {
                    sum += kernel[k + r] * plane[at + mirror(x + k, width)];
                }
                rows[at + x] = (float) sum;
            }
        }
        float[] out = new float[plane.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sum = 0;
                for (int k = -r; k <= r; k++) {
                    sum += kernel[k + r] * rows[mirror(y + k, height) * width + x];
                }
                out[y * width + x] = (float) sum;
            }
        }
        return out;
    }

    static float[] kernel(double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        float[] k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            double v = Math.exp(-(i * i) / (2 * sigma * sigma));
            k[i + r] = (float) v;
            sum += v;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) (k[i] / sum);
        }
        return k;
    }

    /** {@code i} mirrored into {@code 0 .. n-1} (..., 2, 1, 0, 1, 2, ..., n-2, n-1, n-2, ...). */
    static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
