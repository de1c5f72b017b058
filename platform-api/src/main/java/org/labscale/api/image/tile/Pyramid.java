package org.labscale.api.image.tile;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A built tile pyramid of one image on local disk (see {@link PyramidBuilder}): for every plane (channel, frame) and
 * level a {@link PlaneFile}, and the plane's {@link PlaneHistogram}. Immutable once built; safe for concurrent reads
 * (each read opens its own file channel).
 *
 * @param dir      the pyramid's folder
 * @param layout   the level geometry
 * @param channels channels per frame
 * @param frames   frames
 */
record Pyramid(Path dir, PyramidLayout layout, int channels, int frames) {

    /** The samples of one tile: {@code width x height} values, row-major (edge tiles are smaller than 256). */
    record TileValues(int width, int height, float[] values) {
    }

    static String planeName(int channel, int frame, int level) {
        return "c" + channel + "-f" + frame + "-L" + level + ".f32";
    }

    static String histogramName(int channel, int frame) {
        return "c" + channel + "-f" + frame + ".hist";
    }

    /** Tile ({@code x}, {@code y}) of {@code level} of one plane; the caller has checked that it exists. */
    TileValues tile(int channel, int frame, int level, int x, int y) throws IOException {
        int x0 = x * PyramidLayout.TILE;
        int y0 = y * PyramidLayout.TILE;
        int w = Math.min(PyramidLayout.TILE, layout.width(level) - x0);
        int h = Math.min(PyramidLayout.TILE, layout.height(level) - y0);
        float[] values = new float[w * h];
        try (PlaneFile plane = PlaneFile.open(dir.resolve(planeName(channel, frame, level)), layout.width(level),
                layout.height(level))) {
            plane.readRegion(x0, y0, w, h, values);
        }
        return new TileValues(w, h, values);
    }

    /** The original sample at ({@code x}, {@code y}) of one plane. */
    float value(int channel, int frame, int x, int y) throws IOException {
        float[] one = new float[1];
        try (PlaneFile plane = PlaneFile.open(dir.resolve(planeName(channel, frame, 0)), layout.width(), layout.height())) {
            plane.readRegion(x, y, 1, 1, one);
        }
        return one[0];
    }

    PlaneHistogram histogram(int channel, int frame) throws IOException {
        return PlaneHistogram.read(dir.resolve(histogramName(channel, frame)));
    }
}
