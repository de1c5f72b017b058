package org.labscale.ui.proxy;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/**
 * Turns a label mask (the job's 16-bit grey {@code labels.png}: 0 background, one integer per cell) into a PNG the
 * browser can read exactly: a canvas only sees 8 bits per component, so each pixel's label is spread over red (high
 * byte) and green (low byte), fully opaque. The viewer decodes it back to draw outlines, fills and the selected cell
 * and to find the cell under a click.
 */
public final class LabelMapPng {

    private LabelMapPng() {
    }

    /**
     * Reads a 16-bit PNG or TIFF mask (the worker's CTC masks are Deflate TIFFs with a horizontal predictor, which
     * TwelveMonkeys' TIFF reader decodes and the JDK's refuses: every reader that claims the format is tried in turn).
     *
     * @throws IOException when {@code mask} is not an image any reader reads
     */
    public static void encode(InputStream mask, OutputStream out) throws IOException {
        BufferedImage labels = read(mask.readAllBytes());
        if (labels == null) {
            throw new IOException("the label mask is not a readable PNG");
        }
        ImageIO.write(encode(labels), "png", out);
    }

    private static BufferedImage read(byte[] bytes) throws IOException {
        IOException last = null;
        try (javax.imageio.stream.ImageInputStream probe = ImageIO.createImageInputStream(
                new java.io.ByteArrayInputStream(bytes))) {
            java.util.Iterator<javax.imageio.ImageReader> readers = ImageIO.getImageReaders(probe);
            while (readers.hasNext()) {
                javax.imageio.ImageReader reader = readers.next();
                try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(
                        new java.io.ByteArrayInputStream(bytes))) {
                    reader.setInput(in);
                    return reader.read(0);
                } catch (IOException e) {
                    last = e;
                } finally {
                    reader.dispose();
                }
            }
        }
        if (last != null) {
            throw new IOException("the label mask could not be read: " + last.getMessage(), last);
        }
        return null;
    }

    /** The label image with label {@code l} at pixel (x, y) as RGB {@code (l >> 8, l & 255, 0)}. */
    static BufferedImage encode(BufferedImage labels) {
        int w = labels.getWidth(), h = labels.getHeight();
        Raster raster = labels.getRaster();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        int[] rgb = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int label = row[x] & 0xFFFF;
                rgb[x] = (label >> 8) << 16 | (label & 0xFF) << 8;
            }
            out.setRGB(0, 0 + y, w, 1, rgb, 0, w);
        }
        return out;
    }
}
