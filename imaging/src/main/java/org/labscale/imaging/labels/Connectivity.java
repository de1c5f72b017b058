package org.labscale.imaging.labels;

/** Which neighbours of a pixel count as adjacent. */
public enum Connectivity {
    /** Left, right, up, down. */
    FOUR(new int[]{-1, 1, 0, 0}, new int[]{0, 0, -1, 1}),
    /** The four above plus the four diagonals. */
    EIGHT(new int[]{-1, 1, 0, 0, -1, 1, -1, 1}, new int[]{0, 0, -1, 1, -1, -1, 1, 1});

    private final int[] dx;
    private final int[] dy;

    Connectivity(int[] dx, int[] dy) {
        this.dx = dx;
        this.dy = dy;
    }

    int size() {
        return dx.length;
    }

    int dx(int i) {
        return dx[i];
    }

    int dy(int i) {
        return dy[i];
    }
}
