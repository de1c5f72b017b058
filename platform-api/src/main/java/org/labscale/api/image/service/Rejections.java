package org.labscale.api.image.service;

import java.util.Map;

import org.labscale.api.common.ApiException;
import org.labscale.imaging.ImageRejectedException;

/**
 * Maps the {@code imaging} module's content rejections to HTTP. The code and the message pass through unchanged:
 * <ul>
 *   <li>400 {@code image.empty}: nothing was sent (a zero-byte file);</li>
 *   <li>415 {@code image.not-an-image}, {@code image.unsupported-format}: the bytes are not a TIFF or PNG at all;</li>
 *   <li>422 every other {@code image.*} and {@code mask.*} code: a TIFF or PNG we recognise but cannot accept
 *       (truncated, corrupt, too many pixels, bit depth, sample format, compression, colour type, inconsistent pages,
 *       a mask of the wrong size, kind or values).</li>
 * </ul>
 * 413 is kept for bytes on the wire ({@code upload.too-large}); an absurd pixel count in a small header is content
 * we understand and refuse, hence 422 {@code image.too-large}.
 */
public final class Rejections {

    private Rejections() {
    }

    public static ApiException toApi(ImageRejectedException e, String what) {
        int status = switch (e.reason()) {
            case EMPTY -> 400;
            case NOT_AN_IMAGE, UNSUPPORTED_FORMAT -> 415;
            default -> 422;
        };
        return new ApiException(status, e.code(), e.getMessage(), Map.of("file", what));
    }

    /** 413 {@code upload.too-large}, naming the size and the limit. */
    public static ApiException tooLarge(long sizeBytes, long maxBytes) {
        return new ApiException(413, "upload.too-large", "The upload is " + bytes(sizeBytes)
                + "; the largest accepted upload is " + bytes(maxBytes) + ".",
                Map.of("sizeBytes", sizeBytes, "maxBytes", maxBytes));
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%,d bytes (%.1f %s)", n, v, units[u]);
    }
}
