package org.labscale.shared.image;

/** How the pages of a multi-page TIFF are read. */
public enum PageMode {
    /** Each page is one channel of the same field of view (e.g. phase, nuclear marker). */
    CHANNELS,
    /** Each page is one time point of a time-lapse. */
    FRAMES
}
