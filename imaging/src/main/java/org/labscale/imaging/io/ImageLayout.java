package org.labscale.imaging.io;

import org.labscale.imaging.ImageFormat;
import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.PageMode;

import java.util.List;

/**
 * What the decoder needs beyond {@link ImageInfo}: how each TIFF page is stored, and how many raster bands a page
 * decodes to (more than the channels when a PNG alpha band is dropped).
 *
 * @param info             the public description
 * @param pageMode         how pages map to channels or frames
 * @param tiffPages        each accepted TIFF page, in page order; empty for a PNG (one page)
 * @param channelsPerPage  channels one page contributes
 * @param bandsPerPage     raster bands one decoded page has (>= channelsPerPage)
 */
record ImageLayout(ImageInfo info, PageMode pageMode, List<TiffPage> tiffPages, int channelsPerPage,
                   int bandsPerPage) {

    ImageLayout {
        tiffPages = List.copyOf(tiffPages);
    }

    int pages() {
        return info.format() == ImageFormat.PNG ? 1 : tiffPages.size();
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
