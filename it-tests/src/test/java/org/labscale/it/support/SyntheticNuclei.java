package org.labscale.it.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Synthetic nuclear-marker images made in code: non-overlapping bright discs (radius 5 to 8 px, varying brightness)
 * on a dim Gaussian-noise background, with their 16-bit instance mask (disc i has label i, background 0).
 *
 * @param width    pixels
 * @param height   pixels
 * @param pixels   the 8-bit image, row-major
 * @param labels   the instance mask, row-major
 * @param cells    how many discs were placed
 */
public record SyntheticNuclei(int width, int height, int[] pixels, int[] labels, int cells) {

    /** Places up to {@code discs} discs at least 3 px apart; the same seed gives the same image. */
    public static SyntheticNuclei generate(int width, int height, int discs, long seed) {
        Random random = new Random(seed);
        int[] pixels = new int[width * height];
        int[] labels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = clamp(25 + random.nextGaussian() * 6);
        }
        int placed = 0;
        for (int attempt = 0; attempt < discs * 50 && placed < discs; attempt++) {
            int r = 5 + random.nextInt(4);
            int cx = r + 1 + random.nextInt(width - 2 * r - 2);
            int cy = r + 1 + random.nextInt(height - 2 * r - 2);
            if (!free(labels, width, height, cx, cy, r + 3)) {
                continue;
            }
            placed++;
            int brightness = 70 + random.nextInt(100);
            for (int y = cy - r; y <= cy + r; y++) {
                for (int x = cx - r; x <= cx + r; x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                        labels[y * width + x] = placed;
                        pixels[y * width + x] = clamp(pixels[y * width + x] + brightness);
                    }
                }
            }
        }
        return new SyntheticNuclei(width, height, pixels, labels, placed);
    }

    private static boolean free(int[] labels, int width, int height, int cx, int cy, int r) {
        for (int y = Math.max(0, cy - r); y <= Math.min(height - 1, cy + r); y++) {
            for (int x = Math.max(0, cx - r); x <= Math.min(width - 1, cx + r); x++) {
                if (labels[y * width + x] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** The image as an 8-bit grey PNG. */
    public byte[] png() {
        return write("png", gray(pixels, BufferedImage.TYPE_BYTE_GRAY));
    }

    /** The instance mask as a 16-bit grey PNG. */
    public byte[] maskPng() {
        return write("png", gray(labels, BufferedImage.TYPE_USHORT_GRAY));
    }

    /**
     * A two-page 8-bit TIFF: page 0 is flat noise-free background, page 1 this image, so a model reading one
     * channel must be mapped to channel 1.
     */
    public byte[] twoChannelTiff() {
        BufferedImage blank = gray(new int[width * height], BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage image = gray(pixels, BufferedImage.TYPE_BYTE_GRAY);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(blank, null, null), null);
            writer.writeToSequence(new IIOImage(image, null, null), null);
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private BufferedImage gray(int[] samples, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        image.getRaster().setSamples(0, 0, width, height, 0, samples);
        return image;
    }

    private static byte[] write(String format, BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
