package org.labscale.imaging.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.labscale.imaging.ImageFormat;
import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.RejectionCode;
import org.labscale.imaging.SampleType;

/**
 * Assembles single-channel image files (one per channel, as many microscopes write them) into one multi-page TIFF,
 * one page per channel in the given order, so that the result is an ordinary image read with {@link PageMode#CHANNELS}.
 * Every file must hold exactly one plane (one page, one sample per pixel) and all must agree in width, height and
 * sample type; otherwise the named file is rejected ({@link RejectionCode#CHANNEL_NOT_SINGLE_PLANE},
 * {@link RejectionCode#INCONSISTENT_PAGES}). The samples are copied exactly (8/16-bit integers and 32-bit floats
 * are exact as floats), uncompressed, little-endian, in strips of about {@value #STRIP_BYTES} bytes. Streaming: the
 * heap holds one strip, whatever the image size. Classic TIFF, so the result must stay below 4 GiB.
 */
public final class ChannelStack {

    static final int STRIP_BYTES = 256 * 1024;
    private static final long MAX_BYTES = 0xFFFF_FFFFL;
    private static final int ENTRIES = 10;

    private ChannelStack() {
    }

    /** A channel's file and the name to report it by. */
    public record Source(Path file, String name) {
    }

    /**
     * Checks {@code sources} and writes their stack to {@code target} (created or replaced).
     *
     * @return what the written file holds: {@code sources.size()} channels, one frame
     * @throws ImageRejectedException a source is not an acceptable single-plane image or does not match the first
     */
    public static ImageInfo write(List<Source> sources, Path target, ImageLimits limits)
            throws IOException, ImageRejectedException {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no channel files");
        }
        List<ImageFile> files = new ArrayList<>();
        try {
            ImageInfo first = null;
            for (Source source : sources) {
                ImageFile file = ImageFile.open(source.file(), PageMode.CHANNELS, limits);
                files.add(file);
                ImageInfo info = file.info();
                if (info.channels() != 1 || info.frames() != 1) {
                    throw new ImageRejectedException(RejectionCode.CHANNEL_NOT_SINGLE_PLANE, "'" + source.name()
                            + "' holds " + info.channels() + " channel(s) x " + info.frames() + " frame(s); a"
                            + " channel file must hold one grey plane (send a multi-channel file on its own).");
                }
                if (first == null) {
                    first = info;
                } else if (info.width() != first.width() || info.height() != first.height()
                        || info.sampleType() != first.sampleType()) {
                    throw new ImageRejectedException(RejectionCode.INCONSISTENT_PAGES, "'" + source.name() + "' is "
                            + describe(info) + ", but '" + sources.get(0).name() + "' is " + describe(first)
                            + "; the channels of one image must agree.");
                }
            }
            long bytes = (long) first.width() * first.height() * first.sampleType().bytes() * sources.size();
            if (bytes > MAX_BYTES - 1024L * sources.size()) {
                throw new ImageRejectedException(RejectionCode.TOO_LARGE, "The " + sources.size() + " channels"
                        + " together hold " + bytes + " bytes of pixels, more than a TIFF of this kind can (4 GiB).");
            }
            writeStack(files, first, target);
            return new ImageInfo(ImageFormat.TIFF, first.width(), first.height(), sources.size(), 1,
                    first.bitsPerSample(), first.sampleType(), "none");
        } finally {
            for (ImageFile f : files) {
                f.close();
            }
        }
    }

    private static String describe(ImageInfo info) {
        return info.width() + " x " + info.height() + " " + info.sampleType();
    }

    private static void writeStack(List<ImageFile> files, ImageInfo info, Path target)
            throws IOException, ImageRejectedException {
        int width = info.width();
        int height = info.height();
        SampleType type = info.sampleType();
        int rowBytes = width * type.bytes();
        int rowsPerStrip = Math.max(1, Math.min(height, STRIP_BYTES / rowBytes));
        int strips = (height + rowsPerStrip - 1) / rowsPerStrip;
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer header = le(8).put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(0);
            out.write(header.flip());
            long nextPointer = 4; // where the offset of the next IFD goes
            ByteBuffer strip = le((long) rowsPerStrip * rowBytes);
            for (ImageFile file : files) {
                long[] offsets = new long[strips];
                long[] counts = new long[strips];
                for (int s = 0; s < strips; s++) {
                    int y0 = s * rowsPerStrip;
                    int rows = Math.min(rowsPerStrip, height - y0);
                    float[] samples = file.readRows(0, 0, y0, rows).pixels();
                    strip.clear();
                    for (float v : samples) {
                        switch (type) {
                            case UINT8 -> strip.put((byte) (int) v);
                            case UINT16 -> strip.putShort((short) (int) v);
                            case FLOAT32 -> strip.putFloat(v);
                        }
                    }
                    offsets[s] = out.position();
                    counts[s] = strip.position();
                    out.write(strip.flip());
                }
                align(out);
                long offsetsAt = out.position();
                out.write(longs(offsets).flip());
                long countsAt = out.position();
                out.write(longs(counts).flip());
                align(out);
                long ifdAt = out.position();
                out.write(ifd(width, height, type, rowsPerStrip, strips == 1 ? offsets[0] : offsetsAt,
                        strips == 1 ? counts[0] : countsAt, strips).flip());
                out.write(le(4).putInt((int) ifdAt).flip(), nextPointer);
                nextPointer = ifdAt + 2 + ENTRIES * 12L;
            }
        }
    }

    /**
     * One IFD: the tags a baseline grey TIFF needs. Strip offsets and counts are LONG arrays stored at
     * {@code offsets} and {@code counts}, or, for one strip, the values themselves (TIFF keeps 4 bytes inline).
     */
    private static ByteBuffer ifd(int width, int height, SampleType type, int rowsPerStrip, long offsets,
                                  long counts, int strips) {
        ByteBuffer b = le(2 + ENTRIES * 12 + 4).putShort((short) ENTRIES);
        entry(b, 256, 4, 1, width);                       // ImageWidth
        entry(b, 257, 4, 1, height);                      // ImageLength
        entry(b, 258, 3, 1, type.bits());                 // BitsPerSample
        entry(b, 259, 3, 1, 1);                           // Compression: none
        entry(b, 262, 3, 1, 1);                           // PhotometricInterpretation: BlackIsZero
        entry(b, 273, 4, strips, offsets);                // StripOffsets
        entry(b, 277, 3, 1, 1);                           // SamplesPerPixel
        entry(b, 278, 4, 1, rowsPerStrip);                // RowsPerStrip
        entry(b, 279, 4, strips, counts);                 // StripByteCounts
        entry(b, 339, 3, 1, type == SampleType.FLOAT32 ? 3 : 1); // SampleFormat: IEEE float or unsigned
        return b.putInt(0);
    }

    private static void entry(ByteBuffer b, int tag, int type, long count, long value) {
        b.putShort((short) tag).putShort((short) type).putInt((int) count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt((int) value);
        }
    }

    private static ByteBuffer longs(long[] values) {
        ByteBuffer b = le(4L * values.length);
        for (long v : values) {
            b.putInt((int) v);
        }
        return b;
    }

    private static void align(FileChannel out) throws IOException {
        if (out.position() % 2 != 0) {
            out.write(ByteBuffer.allocate(1));
        }
    }

    private static ByteBuffer le(long capacity) {
        return ByteBuffer.allocate(Math.toIntExact(capacity)).order(ByteOrder.LITTLE_ENDIAN);
    }
}
