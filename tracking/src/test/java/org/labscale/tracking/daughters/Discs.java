package org.labscale.tracking.daughters;

import org.labscale.imaging.labels.LabelImage;

/** Tiny label images of discs for the tests: {@code {x, y, radius, label}} each, later discs drawn over earlier. */
final class Discs {

    static final int WIDTH = 40;
    static final int HEIGHT = 20;

    private Discs() {
    }

    static LabelImage of(int[]... discs) {
        int[] labels = new int[WIDTH * HEIGHT];
        for (int[] d : discs) {
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    if ((x - d[0]) * (x - d[0]) + (y - d[1]) * (y - d[1]) <= d[2] * d[2]) {
                        labels[y * WIDTH + x] = d[3];
                    }
                }
            }
        }
        return LabelImage.of(WIDTH, HEIGHT, labels);
    }
}
