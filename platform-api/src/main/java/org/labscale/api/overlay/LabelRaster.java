package org.labscale.api.overlay;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;

import javax.imageio.ImageIO;

/**
 * A decoded label image (segmentation label mask or annotation class map): one 16-bit value per pixel, row-major.
 *
 * @param width  pixels per row
 * @param height rows
 * @param labels {@code width * height} values (0 = background)
 */
record LabelRaster(int width, int height, char[] labels) {

    /** Reads an 8- or 16-bit grey PNG or TIFF; values above 65535 keep their low 16 bits, as the viewer draws them. */
    static LabelRaster read(InputStream in) throws IOException {
        BufferedImage image = ImageIO.read(in);
        if (image == null) {
            throw new IOException("the label image is not a PNG or TIFF that can be read");
        }
        int w = image.getWidth(), h = image.getHeight();
        Raster raster = image.getRaster();
        char[] labels = new char[Math.multiplyExact(w, h)];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                labels[y * w + x] = (char) row[x];
            }
        }
        return new LabelRaster(w, h, labels);
    }

    /** The value at (x, y), 0 outside the image. */
    int at(int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 0 : labels[y * width + x];
    }

    /** Bytes held, for the cache's budget. */
    long bytes() {
        return 2L * labels.length;
    }
}
