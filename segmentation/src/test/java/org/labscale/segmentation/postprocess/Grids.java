package org.labscale.segmentation.postprocess;

/** Tiny hand-built images for the tests: rows of values to row-major arrays. */
final class Grids {

    private Grids() {
    }

    static float[] floats(double[][] rows) {
        int w = rows[0].length;
        float[] out = new float[rows.length * w];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = (float) rows[y][x];
            }
        }
        return out;
    }

    static boolean[] bools(int[][] rows) {
        int w = rows[0].length;
        boolean[] out = new boolean[rows.length * w];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = rows[y][x] != 0;
            }
        }
        return out;
    }

    static int[][] rows(boolean[] values, int width) {
        int[][] out = new int[values.length / width][width];
        for (int i = 0; i < values.length; i++) {
            out[i / width][i % width] = values[i] ? 1 : 0;
        }
        return out;
    }
}
