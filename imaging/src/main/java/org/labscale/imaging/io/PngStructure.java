package org.labscale.imaging.io;

import org.labscale.imaging.ImageFormat;
import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.RejectionCode;
import org.labscale.imaging.SampleType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.labscale.imaging.io.FileBytes.n;

/**
 * Reads a PNG's header (IHDR) and walks its chunk headers without inflating anything, so size limits are enforced
 * and cut-off files are recognised before decoding.
 *
 * <p>Accepted: 8- and 16-bit grayscale (1 channel) and RGB (3 channels). An alpha channel is dropped (gray+alpha is
 * 1 channel, RGBA 3): microscopy intensities carry no transparency, and exporters often add an opaque alpha.
 * Interlaced PNGs are refused, because their rows arrive in seven passes spread over the whole image.
 * Palette images are refused, because their pixel values are indices into a colour table, not intensities; 1/2/4-bit
 * grayscale is refused as an unsupported bit depth. Reference: PNG Specification, 3rd edition (W3C, 2025).
 */
final class PngStructure {

    private static final int MAX_CHUNKS = 4_000_000;

    private PngStructure() {
    }

    static ImageLayout read(FileBytes bytes, ImageLimits limits, PageMode mode)
            throws IOException, ImageRejectedException {
        ByteBuffer ihdr = bytes.read(8, 25, "the PNG header");
        int length = ihdr.getInt();
        String type = chunkType(ihdr);
        if (length != 13 || !type.equals("IHDR")) {
            throw corrupt("its first chunk is not a valid header (IHDR)");
        }
        long width = ihdr.getInt() & 0xFFFFFFFFL;
        long height = ihdr.getInt() & 0xFFFFFFFFL;
        int bitDepth = ihdr.get() & 0xFF;
        int colorType = ihdr.get() & 0xFF;
        int interlace = ihdr.get(20) & 0xFF;
        if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE || interlace > 1) {
            throw corrupt("its header declares " + n(width) + " x " + n(height) + " pixels, interlace " + interlace);
        }
        if (width > limits.maxSide() || height > limits.maxSide()) {
            throw new ImageRejectedException(RejectionCode.TOO_LARGE, "The image is " + n(width) + " x " + n(height)
                    + " pixels; at most " + n(limits.maxSide()) + " pixels per side are supported.");
        }
        long maxPixels = Math.min(limits.maxPixelsPerPlane(), limits.maxPngPixels());
        if (width * height > maxPixels) {
            throw new ImageRejectedException(RejectionCode.TOO_LARGE, "The image is " + n(width) + " x " + n(height)
                    + " = " + n(width * height) + " pixels; at most " + n(maxPixels) + " are supported"
                    + (maxPixels < limits.maxPixelsPerPlane() ? " in a PNG (larger images: use a tiled TIFF)" : "")
                    + ".");
        }
        if (interlace == 1) {
            throw new ImageRejectedException(RejectionCode.UNSUPPORTED_INTERLACE, "Interlaced (Adam7) PNG is not"
                    + " supported: its rows can only be decoded with the whole image in memory. Save it again"
                    + " without interlacing.");
        }
        int channels;
        int bands;
        switch (colorType) {
            case 0 -> { channels = 1; bands = 1; }
            case 2 -> { channels = 3; bands = 3; }
            case 4 -> { channels = 1; bands = 2; }
            case 6 -> { channels = 3; bands = 4; }
            case 3 -> throw new ImageRejectedException(RejectionCode.UNSUPPORTED_COLOR_TYPE, "PNG with a colour"
                    + " palette (indexed colour) is not supported; save the image as 8- or 16-bit grayscale or RGB.");
            default -> throw corrupt("its header declares colour type " + colorType);
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new ImageRejectedException(RejectionCode.UNSUPPORTED_BIT_DEPTH, "PNG with " + bitDepth
                    + " bit" + (bitDepth == 1 ? "" : "s") + " per sample is not supported; use 8 or 16 bits.");
        }
        if ((long) channels > limits.maxPlanes()) {
            throw new ImageRejectedException(RejectionCode.TOO_MANY_PLANES, "The PNG has " + channels
                    + " channels; at most " + n(limits.maxPlanes()) + " planes are supported.");
        }
        walkChunks(bytes);
        SampleType sampleType = bitDepth == 8 ? SampleType.UINT8 : SampleType.UINT16;
        ImageInfo info = new ImageInfo(ImageFormat.PNG, (int) width, (int) height, channels, 1, bitDepth,
                sampleType, "Deflate");
        return new ImageLayout(info, mode, List.of(), channels, bands);
    }

    /** Checks that every chunk lies inside the file, image data exists and the end marker is present. */
    private static void walkChunks(FileBytes bytes) throws IOException, ImageRejectedException {
        long pos = 8;
        int dataChunks = 0;
        for (int i = 0; i < MAX_CHUNKS; i++) {
            if (pos + 8 > bytes.size()) {
                throw truncated(bytes, pos);
            }
            ByteBuffer head = bytes.read(pos, 8, "a PNG chunk header");
            long length = head.getInt() & 0xFFFFFFFFL;
            String type = chunkType(head);
            if (length > Integer.MAX_VALUE || !type.chars().allMatch(Character::isLetter)) {
                throw corrupt("chunk " + (i + 1) + " at byte " + n(pos) + " is malformed");
            }
            long end = pos + 12 + length;
            if (end > bytes.size()) {
                throw truncated(bytes, end);
            }
            if (type.equals("IDAT")) {
                dataChunks++;
            } else if (type.equals("IEND")) {
                if (dataChunks == 0) {
                    throw corrupt("it contains no image data (IDAT)");
                }
                return;
            }
            pos = end;
        }
        throw corrupt("it has more than " + n(MAX_CHUNKS) + " chunks");
    }

    private static String chunkType(ByteBuffer b) {
        byte[] t = new byte[4];
        b.get(t);
        return new String(t, StandardCharsets.ISO_8859_1);
    }

    private static ImageRejectedException truncated(FileBytes bytes, long needed) {
        return new ImageRejectedException(RejectionCode.TRUNCATED, "The PNG file is " + n(bytes.size())
                + " bytes long but its data continues to byte " + n(needed) + " (or its end marker is missing); it"
                + " was probably cut off during upload.");
    }

    private static ImageRejectedException corrupt(String detail) {
        return new ImageRejectedException(RejectionCode.CORRUPT, "The PNG file is damaged: " + detail + ".");
    }
}
