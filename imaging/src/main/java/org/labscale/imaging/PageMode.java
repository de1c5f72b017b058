package org.labscale.imaging;

/**
 * How the pages of a multi-page TIFF are interpreted. The file itself does not say reliably, so the uploader
 * chooses. Samples within one page (e.g. the R, G, B of an RGB page) are always channels.
 */
public enum PageMode {
    /** Every page is another channel of one time point: channels = pages x samples per page, frames = 1. */
    CHANNELS,
    /** Every page is another time point (frame) of a time-lapse: channels = samples per page, frames = pages. */
    FRAMES
}
