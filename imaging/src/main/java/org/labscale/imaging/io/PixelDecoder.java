package org.labscale.imaging.io;

import org.labscale.imaging.ImageRejectedException;

import java.io.Closeable;
import java.io.IOException;

/**
 * Decodes the pixel data of an accepted file in one forward pass, row by row, holding a few rows at a time. A decoder
 * keeps its position: a request that starts where the previous one ended continues the same decompression stream, so
 * reading a plane band by band costs one pass, not one pass per band. Only a request that goes backwards (or, in a
 * TIFF, into another strip or tile) starts a stream again.
 */
interface PixelDecoder extends Closeable {

    /** Receives one decoded row of one raster band; {@code samples} (first {@code width} values) is reused. */
    @FunctionalInterface
    interface RowConsumer {
        void row(int band, int y, float[] samples);
    }

    /**
     * Decodes rows {@code y0 .. y1 - 1} of raster bands {@code bands} of page {@code page} and hands them to
     * {@code out} (or to nobody when {@code out} is null), in row order within each band.
     *
     * @throws ImageRejectedException the data is cut off or damaged, or decoding exceeded its time budget
     * @throws IOException            the file cannot be read
     */
    void rows(int page, int[] bands, int y0, int y1, RowConsumer out) throws IOException, ImageRejectedException;

    /**
     * Decodes every sample of page {@code page}, as validation requires, handing the rows of {@code bands} to
     * {@code out}.
     */
    void wholePage(int page, int[] bands, RowConsumer out) throws IOException, ImageRejectedException;
}
