package org.labscale.tracking.plot;

/**
 * A colour per track id, the same in every figure (and for any viewer that follows): Paul Tol's "bright"
 * qualitative palette, cycled.
 */
public final class TrackColours {

    private static final int[] PALETTE = {0x4477aa, 0xee6677, 0x228833, 0xccbb44, 0x66ccee, 0xaa3377, 0x888888};

    private TrackColours() {
    }

    /** @param trackId from 1 */
    public static int of(int trackId) {
        return PALETTE[Math.floorMod(trackId - 1, PALETTE.length)];
    }
}
