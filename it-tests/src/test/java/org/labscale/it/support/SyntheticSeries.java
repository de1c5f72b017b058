package org.labscale.it.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * A synthetic time-lapse of nuclei made in code, in the style of {@link SyntheticNuclei} (bright discs on dim noise):
 * discs on a grid drift by a pixel or two per frame, and one disc divides into two smaller daughters half-way, so a
 * tracker has tracks to follow and a division to find. Written as one multi-page 8-bit TIFF, a page per frame.
 *
 * @param width  pixels
 * @param height pixels
 * @param frames each frame's 8-bit pixels, row-major
 */
public record SyntheticSeries(int width, int height, List<int[]> frames) {

    private record Disc(double x, double y, int r, int brightness, double vx, double vy) {
    }

    /**
     * {@code columns} x {@code rows} discs 32 px apart on a {@code 32 * columns} x {@code 32 * rows} image; the disc
     * nearest the centre divides at frame {@code frameCount / 2}. The same seed gives the same series.
     */
    public static SyntheticSeries generate(int columns, int rows, int frameCount, long seed) {
        Random random = new Random(seed);
        int width = 32 * columns, height = 32 * rows;
        List<Disc> discs = new ArrayList<>();
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < columns; i++) {
                discs.add(new Disc(16 + 32 * i + random.nextInt(5) - 2, 16 + 32 * j + random.nextInt(5) - 2,
                        6 + random.nextInt(3), 80 + random.nextInt(80), random.nextDouble() * 2 - 1,
                        random.nextDouble() * 2 - 1));
            }
        }
        int dividing = (rows / 2) * columns + columns / 2;
        int division = frameCount / 2;
        List<int[]> frames = new ArrayList<>();
        for (int t = 0; t < frameCount; t++) {
            int[] pixels = new int[width * height];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = clamp(25 + random.nextGaussian() * 6);
            }
            for (int k = 0; k < discs.size(); k++) {
                Disc d = discs.get(k);
                double x = d.x() + d.vx() * t, y = d.y() + d.vy() * t;
                if (k == dividing && t >= division) {
                    double apart = d.r() * 0.9 + (t - division);
                    int r = Math.max(4, (int) Math.round(d.r() * 0.75));
                    paint(pixels, width, height, x - apart, y, r, d.brightness());
                    paint(pixels, width, height, x + apart, y, r, d.brightness());
                } else {
                    paint(pixels, width, height, x, y, d.r(), d.brightness());
                }
            }
            frames.add(pixels);
        }
        return new SyntheticSeries(width, height, List.copyOf(frames));
    }

    private static void paint(int[] pixels, int width, int height, double cx, double cy, int r, int brightness) {
        for (int y = (int) Math.floor(cy - r); y <= Math.ceil(cy + r); y++) {
            for (int x = (int) Math.floor(cx - r); x <= Math.ceil(cx + r); x++) {
                if (x >= 0 && y >= 0 && x < width && y < height && (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                    pixels[y * width + x] = clamp(pixels[y * width + x] + brightness);
                }
            }
        }
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** The series as a multi-page 8-bit grey TIFF, one page per frame (upload it with page mode FRAMES). */
    public byte[] tiff() {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int[] frame : frames) {
                BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
                image.getRaster().setSamples(0, 0, width, height, 0, frame);
                writer.writeToSequence(new IIOImage(image, null, null), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
