package org.labscale.api.overlay;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.labscale.api.common.ApiException;

/**
 * One tile of a label image at a pyramid level, in the geometry of the image tiles (256 x 256, level 0 = original
 * pixels, each level halves both sides; a level's pixel (x, y) is the label at (x * 2^level, y * 2^level), nearest,
 * so labels are never blended). The PNG carries a one-pixel margin of the neighbouring tiles' labels (0 outside the
 * image): a tile of w x h pixels is (w + 2) x (h + 2), so the browser finds a cell's outline at the tile's edge
 * exactly as inside it. Each label is RGB {@code (label >> 8, label & 255, 0)}, like the whole-image label map.
 */
final class LabelTile {

    static final int TILE = 256;

    private LabelTile() {
    }

    /** The highest level: the first at which the whole image fits one tile. */
    static int topLevel(int width, int height) {
        int z = 0;
        while (ceilDiv(width, 1 << z) > TILE || ceilDiv(height, 1 << z) > TILE) {
            z++;
        }
        return z;
    }

    /** Checks the tile's coordinates against the image: 400 naming the bad one. */
    static void check(LabelRaster raster, int level, int x, int y) {
        int top = topLevel(raster.width(), raster.height());
        if (level < 0 || level > top) {
            throw ApiException.invalidField("level", "level " + level + " does not exist; this overlay has levels 0-"
                    + top + ".");
        }
        int cols = ceilDiv(ceilDiv(raster.width(), 1 << level), TILE);
        int rows = ceilDiv(ceilDiv(raster.height(), 1 << level), TILE);
        if (x < 0 || x >= cols) {
            throw ApiException.invalidField("x", "tile column " + x + " does not exist at level " + level
                    + "; there are " + cols + " (0-" + (cols - 1) + ").");
        }
        if (y < 0 || y >= rows) {
            throw ApiException.invalidField("y", "tile row " + y + " does not exist at level " + level
                    + "; there are " + rows + " (0-" + (rows - 1) + ").");
        }
    }

    /** The tile's PNG with its one-pixel margin; the caller has {@link #check checked} the coordinates. */
    static byte[] png(LabelRaster raster, int level, int x, int y) {
        int f = 1 << level;
        int levelW = ceilDiv(raster.width(), f), levelH = ceilDiv(raster.height(), f);
        int x0 = x * TILE, y0 = y * TILE;
        int w = Math.min(TILE, levelW - x0) + 2, h = Math.min(TILE, levelH - y0) + 2;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[w];
        for (int j = 0; j < h; j++) {
            int ly = y0 + j - 1;
            for (int i = 0; i < w; i++) {
                int lx = x0 + i - 1;
                int label = lx < 0 || ly < 0 || lx >= levelW || ly >= levelH ? 0 : raster.at(lx * f, ly * f);
                rgb[i] = (label >> 8) << 16 | (label & 0xFF) << 8;
            }
            out.setRGB(0, j, w, 1, rgb, 0, w);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding an overlay tile failed", e);
        }
        return bytes.toByteArray();
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
