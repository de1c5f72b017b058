package org.labscale.imaging.preview;

/**
 * How stretched channels become one colour: one channel gray; two channels green (first) and magenta (second), which
 * stays readable for red-green colour-blind viewers; three or more the first three as red, green, blue.
 */
public final class ChannelComposite {

    private ChannelComposite() {
    }

    /** The packed {@code 0xRRGGBB} colour of pixel {@code i} of the stretched 8-bit {@code channels}. */
    public static int rgb(byte[][] channels, int i) {
        int r;
        int g;
        int b;
        if (channels.length == 1) {
            r = channels[0][i] & 0xFF;
            g = r;
            b = r;
        } else if (channels.length == 2) {
            g = channels[0][i] & 0xFF;
            r = channels[1][i] & 0xFF;
            b = r;
        } else {
            r = channels[0][i] & 0xFF;
            g = channels[1][i] & 0xFF;
            b = channels[2][i] & 0xFF;
        }
        return (r << 16) | (g << 8) | b;
    }
}
