package org.labscale.ui.views.tracking;

import java.util.List;

/**
 * A track's colour by id: the palette of the job's figures ({@code org.labscale.tracking.plot.TrackColours} in the
 * worker's {@code tracking} library: Paul Tol's "bright" qualitative colours, cycled from track 1), so a track has
 * one colour in every frame of the viewer, in its area curve and in the lineage tree. The browser test
 * {@code TrackingJourneyIT} compares the viewer's colours with the library's.
 */
final class TrackColours {

    /** The palette, as CSS hex colours. */
    static final List<String> PALETTE = List.of("#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377",
            "#888888");

    private TrackColours() {
    }

    /** The CSS colour of track {@code id} (from 1). */
    static String css(int id) {
        return PALETTE.get(Math.floorMod(id - 1, PALETTE.size()));
    }
}
