package org.labscale.imaging.io;

import org.labscale.imaging.ImageFormat;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.RejectionCode;

import java.io.EOFException;

/**
 * Turns whatever a decoder throws while decoding pixel data into a rejection. Once the header was accepted and the
 * file is open, any failure is the content's fault: an end-of-file anywhere in the cause chain means a cut-off file,
 * anything else (bad LZW codes, broken zlib streams, out-of-range coordinates inside the decoder) damaged data.
 */
final class DecodeFailures {

    private DecodeFailures() {
    }

    static ImageRejectedException translate(Throwable failure, ImageFormat format, String where) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EOFException || (t.getMessage() != null
                    && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("unexpected end"))) {
                return new ImageRejectedException(RejectionCode.TRUNCATED, "The " + format + " file ends in the middle"
                        + " of its pixel data (" + where + "); it was probably cut off during upload.", failure);
            }
        }
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new ImageRejectedException(RejectionCode.CORRUPT, "The " + format + " pixel data cannot be decoded ("
                + where + ": " + detail + "); the file is damaged.", failure);
    }
}
