package org.labscale.bioimageio.export;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.labscale.bioimageio.npy.Npy;

/**
 * A package's cover (PNG, 2:1 as bioimage.io asks): on the left the test input's first channel, contrast-stretched
 * between its 1st and 99th percentiles; on the right the same pixels in grey with the foreground probability (the
 * sum of the interior classes, else the last class) in magenta.
 */
public final class CoverImage {

    private CoverImage() {
    }

    /**
     * @param input   {@code [1,C,H,W]} raw pixels
     * @param output  {@code [1,K,H,W]} probabilities
     * @param classes the output's class names
     */
    public static byte[] png(Npy.Tensor input, Npy.Tensor output, List<String> classes) {
        int h = (int) input.shape()[2];
        int w = (int) input.shape()[3];
        int n = w * h;
        float[] first = Arrays.copyOf(input.data(), n);
        float[] sorted = first.clone();
        Arrays.sort(sorted);
        float low = sorted[(int) (0.01 * (n - 1))];
        float high = sorted[(int) (0.99 * (n - 1))];
        float spread = high > low ? high - low : 1f;
        float[] foreground = new float[n];
        boolean anyInterior = classes.stream().anyMatch(c -> c.startsWith("interior"));
        for (int k = 0; k < classes.size(); k++) {
            if (anyInterior ? classes.get(k).startsWith("interior") : k == classes.size() - 1) {
                for (int i = 0; i < n; i++) {
                    foreground[i] += output.data()[k * n + i];
                }
            }
        }
        BufferedImage image = new BufferedImage(2 * w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int grey = Math.round(255 * Math.max(0f, Math.min(1f, (first[i] - low) / spread)));
                image.setRGB(x, y, grey << 16 | grey << 8 | grey);
                float p = Math.max(0f, Math.min(1f, foreground[i]));
                int dim = Math.round(grey * 0.6f);
                int r = Math.min(255, dim + Math.round(255 * p));
                int b = Math.min(255, dim + Math.round(255 * p));
                image.setRGB(w + x, y, r << 16 | dim << 8 | b);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
