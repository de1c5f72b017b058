package org.labscale.tracking.plot;

/**
 * A diverging colour scale for signed values such as growth rates: blue ({@link #LOW}) at {@code -limit}, light grey
 * ({@link #MIDDLE}) at 0, red ({@link #HIGH}) at {@code +limit}, linear in between, clamped outside (Moreland's
 * "cool to warm" end points). {@code NaN} is {@link #MISSING}.
 */
public final class DivergingColours {

    public static final int LOW = 0x3b4cc0;
    public static final int MIDDLE = 0xdddddd;
    public static final int HIGH = 0xb40426;
    public static final int MISSING = 0x808080;

    private DivergingColours() {
    }

    /** @param limit > 0 */
    public static int colour(double value, double limit) {
        if (Double.isNaN(value)) {
            return MISSING;
        }
        double t = Math.max(-1, Math.min(1, value / limit));
        return t < 0 ? mix(MIDDLE, LOW, -t) : mix(MIDDLE, HIGH, t);
    }

    static int mix(int from, int to, double t) {
        int r = channel(from >> 16, to >> 16, t);
        int g = channel(from >> 8, to >> 8, t);
        int b = channel(from, to, t);
        return (r << 16) | (g << 8) | b;
    }

    private static int channel(int from, int to, double t) {
        int a = from & 0xff;
        int b = to & 0xff;
        return (int) Math.round(a + (b - a) * t);
    }
}
