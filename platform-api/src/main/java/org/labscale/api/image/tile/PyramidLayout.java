package org.labscale.api.image.tile;

/**
 * The geometry of an image's tile pyramid: level 0 is the original resolution, each further level halves both sides
 * (rounding up) until the whole plane fits one {@value #TILE} x {@value #TILE} tile.
 */
public record PyramidLayout(int width, int height) {

    /** Side of a tile in pixels. */
    public static final int TILE = 256;

    public PyramidLayout {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a plane has at least one pixel, got " + width + " x " + height);
        }
    }

    /** The highest level (the whole plane in one tile). */
    public int maxLevel() {
        int level = 0;
        while (width(level) > TILE || height(level) > TILE) {
            level++;
        }
        return level;
    }

    /** Width of {@code level}: ceil(width / 2^level). */
    public int width(int level) {
        return (int) ((width + (1L << level) - 1) >> level);
    }

    /** Height of {@code level}: ceil(height / 2^level). */
    public int height(int level) {
        return (int) ((height + (1L << level) - 1) >> level);
    }

    /** Tiles across {@code level}. */
    public int columns(int level) {
        return (width(level) + TILE - 1) / TILE;
    }

    /** Tiles down {@code level}. */
    public int rows(int level) {
        return (height(level) + TILE - 1) / TILE;
    }

    /** Whether tile ({@code x}, {@code y}) exists at {@code level}. */
    public boolean contains(int level, int x, int y) {
        return level >= 0 && level <= maxLevel() && x >= 0 && y >= 0 && x < columns(level) && y < rows(level);
    }
}
