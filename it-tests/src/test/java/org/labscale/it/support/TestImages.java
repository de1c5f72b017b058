package org.labscale.it.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** Small synthetic microscopy-like images and masks, made in code so the project ships no binary fixtures. */
public final class TestImages {

    private TestImages() {
    }

    /** An 8-bit grey PNG with {@code cells} bright discs of radius {@code r} on a dim background. */
    public static byte[] discsPng(int width, int height, int cells, int r) {
        return png(render(width, height, cells, r, false));
    }

    /** The binary mask (0/255) of {@link #discsPng}. */
    public static byte[] discsMaskPng(int width, int height, int cells, int r) {
        return png(render(width, height, cells, r, true));
    }

    private static BufferedImage render(int width, int height, int cells, int r, boolean mask) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        int step = Math.max(2 * r + 2, width / (cells + 1));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean inside = false;
                for (int c = 0; c < cells; c++) {
                    int cx = step * (c + 1) % width;
                    int cy = height / 2 + (c % 2 == 0 ? -r : r);
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                        inside = true;
                    }
                }
                int value = mask ? (inside ? 255 : 0) : (inside ? 200 : 20) + (x * 7 + y * 13) % 9;
                image.getRaster().setSample(x, y, 0, value);
            }
        }
        return image;
    }

    private static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
