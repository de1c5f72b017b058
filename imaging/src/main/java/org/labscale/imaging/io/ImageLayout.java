package org.labscale.imaging.io;

import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.PageMode;

/**
 * What the decoder needs beyond {@link ImageInfo}: which decoder image index holds each page, and how many raster
 * bands a page decodes to (more than the channels when a PNG alpha band is dropped).
 *
 * @param info             the public description
 * @param pageMode         how pages map to channels or frames
 * @param readerIndices    decoder image index of each page, in page order
 * @param channelsPerPage  channels one page contributes
 * @param bandsPerPage     raster bands one decoded page has (>= channelsPerPage)
 */
record ImageLayout(ImageInfo info, PageMode pageMode, int[] readerIndices, int channelsPerPage, int bandsPerPage) {

    int pages() {
        return readerIndices.length;
    }

    /** The page holding channel c of frame t. */
    int pageOf(int channel, int frame) {
        checkPlane(channel, frame);
        return pageMode == PageMode.CHANNELS ? channel / channelsPerPage : frame;
    }

    /** The channel that raster band {@code band} of page {@code page} holds. */
    int channelOf(int page, int band) {
        return pageMode == PageMode.CHANNELS ? page * channelsPerPage + band : band;
    }

    /** The frame page {@code page} belongs to. */
    int frameOf(int page) {
        return pageMode == PageMode.CHANNELS ? 0 : page;
    }

    /** The raster band holding channel c within its page. */
    int bandOf(int channel) {
        return channel % channelsPerPage;
    }

    void checkPlane(int channel, int frame) {
        if (channel < 0 || channel >= info.channels() || frame < 0 || frame >= info.frames()) {
            throw new IndexOutOfBoundsException("plane (channel " + channel + ", frame " + frame + ") outside "
                    + info.channels() + " channels x " + info.frames() + " frames");
        }
    }
}
