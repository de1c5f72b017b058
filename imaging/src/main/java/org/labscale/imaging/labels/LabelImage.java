package org.labscale.imaging.labels;

import java.util.Arrays;

/**
 * A 2-D image of non-negative integer labels, row-major. Used for annotations (class maps, instance and binary masks)
 * and for what is derived from them. Immutable: factories copy their input and {@link #toArray()} returns a copy.
 */
public final class LabelImage {

    private final int width;
    private final int height;
    private final int[] labels;

    private LabelImage(int width, int height, int[] labels) {
        if (width < 1 || height < 1 || labels.length != (long) width * height) {
            throw new IllegalArgumentException("need width, height >= 1 and width*height labels, got " + width + " x "
                    + height + " and " + labels.length);
        }
        for (int v : labels) {
            if (v < 0) {
                throw new IllegalArgumentException("labels must be >= 0, got " + v);
            }
        }
        this.width = width;
        this.height = height;
        this.labels = labels;
    }

    /** Copies {@code labels} (row-major, {@code width * height} values >= 0). */
    public static LabelImage of(int width, int height, int[] labels) {
        return new LabelImage(width, height, labels.clone());
    }

    /** Builds an image from rows, {@code rows[y][x]}; handy for tests and small fixtures. */
    public static LabelImage ofRows(int[][] rows) {
        int h = rows.length;
        int w = h == 0 ? 0 : rows[0].length;
        int[] data = new int[w * h];
        for (int y = 0; y < h; y++) {
            if (rows[y].length != w) {
                throw new IllegalArgumentException("row " + y + " has " + rows[y].length + " values, expected " + w);
            }
            System.arraycopy(rows[y], 0, data, y * w, w);
        }
        return new LabelImage(w, h, data);
    }

    /** Takes ownership of {@code labels} without copying; the caller must not modify it afterwards. */
    static LabelImage wrap(int width, int height, int[] labels) {
        return new LabelImage(width, height, labels);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The label at column x, row y. */
    public int get(int x, int y) {
        return labels[y * width + x];
    }

    /** The largest label (0 for an all-background image). */
    public int maxLabel() {
        int max = 0;
        for (int v : labels) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** A copy of the labels, row-major. */
    public int[] toArray() {
        return labels.clone();
    }

    /** The labels as rows, {@code [y][x]}; for tests and debugging. */
    public int[][] toRows() {
        int[][] rows = new int[height][];
        for (int y = 0; y < height; y++) {
            rows[y] = Arrays.copyOfRange(labels, y * width, (y + 1) * width);
        }
        return rows;
    }

    /** Direct access for algorithms in this package; never modified. */
    int[] data() {
        return labels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelImage other && width == other.width && height == other.height
                && Arrays.equals(labels, other.labels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "LabelImage[" + width + " x " + height + ", max label " + maxLabel() + "]";
    }
}
