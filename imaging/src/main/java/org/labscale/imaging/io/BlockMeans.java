package org.labscale.imaging.io;

import org.labscale.imaging.FloatPlane;

/**
 * Reduces a plane by an integer factor while its rows stream past: each output pixel is the mean of the finite samples
 * in its {@code factor x factor} block (blocks at the right and bottom edges may be smaller; a block without finite
 * samples is NaN). Output size is {@code ceil(width / factor) x ceil(height / factor)}.
 *
 * <p>Rows are fed one at a time, top to bottom, so the caller decides how rows are decoded: {@link ImageFile#readBinned}
 * feeds one plane, and a single decoding pass can feed several reducers (one per channel and per output size) from the
 * same decoded band. Every reducer fed the same rows gives the same result bit for bit: sums are accumulated in
 * {@code double}, per block in row order and within a row in column order, then divided and rounded to float once.
 *
 * <p>Heap: the output ({@code 4 x outW x outH} bytes) plus one row of sums and counts.
 */
public final class BlockMeans {

    private final int width;
    private final int height;
    private final int factor;
    private final int outWidth;
    private final float[] out;
    private final double[] sum;
    private final int[] count;
    private int rowsSeen;

    /**
     * @param width  columns of the input plane, >= 1
     * @param height rows of the input plane, >= 1
     * @param factor reduction in both directions, >= 1
     */
    public BlockMeans(int width, int height, int factor) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("width and height must be >= 1, got " + width + " x " + height);
        }
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be >= 1, got " + factor);
        }
        this.width = width;
        this.height = height;
        this.factor = factor;
        this.outWidth = (width + factor - 1) / factor;
        int outHeight = (height + factor - 1) / factor;
        this.out = new float[Math.multiplyExact(outWidth, outHeight)];
        this.sum = new double[outWidth];
        this.count = new int[outWidth];
    }

    /**
     * Adds the next row (row {@link #rowsSeen()} of the input).
     *
     * @param row at least {@code width} samples; only read during the call
     * @throws IllegalStateException all rows were added already
     */
    public void add(float[] row) {
        if (rowsSeen >= height) {
            throw new IllegalStateException("all " + height + " rows were added already");
        }
        if (row.length < width) {
            throw new IllegalArgumentException("row has " + row.length + " samples, need " + width);
        }
        // Block by block rather than sum[x / factor]: same order of additions, no division per sample.
        for (int ox = 0, x = 0; ox < outWidth; ox++) {
            int end = Math.min(width, x + factor);
            double s = sum[ox];
            int n = count[ox];
            for (; x < end; x++) {
                float v = row[x];
                if (Float.isFinite(v)) {
                    s += v;
                    n++;
                }
            }
            sum[ox] = s;
            count[ox] = n;
        }
        int y = rowsSeen++;
        if ((y + 1) % factor == 0 || y == height - 1) {
            int offset = (y / factor) * outWidth;
            for (int ox = 0; ox < outWidth; ox++) {
                out[offset + ox] = count[ox] == 0 ? Float.NaN : (float) (sum[ox] / count[ox]);
                sum[ox] = 0;
                count[ox] = 0;
            }
        }
    }

    /** Rows added so far. */
    public int rowsSeen() {
        return rowsSeen;
    }

    /**
     * The reduced plane. The array is this reducer's own (not copied).
     *
     * @throws IllegalStateException not all rows were added yet
     */
    public FloatPlane result() {
        if (rowsSeen != height) {
            throw new IllegalStateException("only " + rowsSeen + " of " + height + " rows were added");
        }
        return new FloatPlane(outWidth, out.length / outWidth, out);
    }
}
