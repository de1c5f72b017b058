package org.labscale.imaging.io;

import org.labscale.imaging.ImageFormat;
import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.RejectionCode;
import org.labscale.imaging.SampleType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.labscale.imaging.io.FileBytes.n;

/**
 * Walks the image file directories (IFDs) of a classic or Big TIFF and checks every page against {@link ImageLimits}
 * and the supported sample formats, reading only tag entries: no pixel data is touched and nothing is allocated in
 * proportion to the claimed image size. Strip/tile offset tables are streamed in chunks to check that the pixel data
 * lies inside the file, which catches cut-off uploads before decoding.
 *
 * <p>Pages flagged as reduced-resolution or transparency masks ({@code NewSubfileType} bits 0 and 2) are skipped.
 * Reference: TIFF Revision 6.0 (Adobe, 1992); BigTIFF (AWare Systems, 2008).
 */
final class TiffStructure {

    private static final int NEW_SUBFILE_TYPE = 254;
    private static final int IMAGE_WIDTH = 256;
    private static final int IMAGE_LENGTH = 257;
    private static final int BITS_PER_SAMPLE = 258;
    private static final int COMPRESSION = 259;
    private static final int PHOTOMETRIC = 262;
    private static final int STRIP_OFFSETS = 273;
    private static final int SAMPLES_PER_PIXEL = 277;
    private static final int ROWS_PER_STRIP = 278;
    private static final int STRIP_BYTE_COUNTS = 279;
    private static final int PLANAR_CONFIGURATION = 284;
    private static final int PREDICTOR = 317;
    private static final int TILE_WIDTH = 322;
    private static final int TILE_LENGTH = 323;
    private static final int TILE_OFFSETS = 324;
    private static final int TILE_BYTE_COUNTS = 325;
    private static final int SAMPLE_FORMAT = 339;

    private static final int MAX_ENTRIES_PER_IFD = 4096;
    /** Most tiles in one row of tiles: the decoder keeps one decompression stream open per tile of a row. */
    static final int MAX_TILES_ACROSS = 1024;
    private static final int CHUNK = 4096;

    private final FileBytes bytes;
    private final ImageLimits limits;
    private boolean bigTiff;

    private TiffStructure(FileBytes bytes, ImageLimits limits) {
        this.bytes = bytes;
        this.limits = limits;
    }

    /** One directory entry: where its value (or the offset to it) sits. */
    private record Entry(int tag, int type, long count, long valueField) {
    }

    /** One accepted page: its index among all directories, and how to decode it. */
    private record Page(int index, int sampleFormat, TiffPage decode) {

        int width() {
            return decode.width();
        }

        int height() {
            return decode.height();
        }

        int samples() {
            return decode.samples();
        }

        int bits() {
            return decode.bits();
        }

        int compression() {
            return decode.compression();
        }
    }

    static ImageLayout read(FileBytes bytes, ImageLimits limits, PageMode mode)
            throws IOException, ImageRejectedException {
        return new TiffStructure(bytes, limits).read(mode);
    }

    private ImageLayout read(PageMode mode) throws IOException, ImageRejectedException {
        ByteBuffer head = bytes.read(0, 4, "the TIFF header");
        bytes.order(head.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int version = bytes.read(2, 2, "the TIFF header").getShort() & 0xFFFF;
        bigTiff = version == 43;
        long ifd;
        if (bigTiff) {
            ByteBuffer b = bytes.read(4, 12, "the BigTIFF header");
            if (b.getShort() != 8) {
                throw corrupt("the BigTIFF header declares an offset size other than 8");
            }
            b.getShort();
            ifd = b.getLong();
        } else {
            ifd = bytes.read(4, 4, "the TIFF header").getInt() & 0xFFFFFFFFL;
        }

        List<Page> pages = new ArrayList<>();
        Set<Long> visited = new HashSet<>();
        int index = 0;
        while (ifd != 0) {
            if (!visited.add(ifd)) {
                throw corrupt("its page directories form a loop");
            }
            if (index >= limits.maxPlanes()) {
                throw new ImageRejectedException(RejectionCode.TOO_MANY_PLANES, "The TIFF has more than "
                        + n(limits.maxPlanes()) + " pages; at most " + n(limits.maxPlanes()) + " planes are supported.");
            }
            Map<Integer, Entry> entries = new HashMap<>();
            ifd = readDirectory(ifd, index, entries);
            Page page = checkPage(index, entries);
            if (page != null) {
                pages.add(page);
            }
            index++;
        }
        if (pages.isEmpty()) {
            throw corrupt("it contains no image pages");
        }
        return layout(pages, mode);
    }

    /** Reads the directory at {@code offset} into {@code entries}; returns the next directory's offset. */
    private long readDirectory(long offset, int index, Map<Integer, Entry> entries)
            throws IOException, ImageRejectedException {
        String what = "the directory of page " + (index + 1);
        long count = bigTiff ? bytes.read(offset, 8, what).getLong() : bytes.read(offset, 2, what).getShort() & 0xFFFF;
        if (count < 1 || count > MAX_ENTRIES_PER_IFD) {
            throw corrupt("the directory of page " + (index + 1) + " claims " + n(count) + " entries");
        }
        int entrySize = bigTiff ? 20 : 12;
        int headerSize = bigTiff ? 8 : 2;
        ByteBuffer b = bytes.read(offset + headerSize, (int) count * entrySize + (bigTiff ? 8 : 4), what);
        for (int i = 0; i < count; i++) {
            int pos = b.position();
            int tag = b.getShort() & 0xFFFF;
            int type = b.getShort() & 0xFFFF;
            long n = bigTiff ? b.getLong() : b.getInt() & 0xFFFFFFFFL;
            long valueField = offset + headerSize + pos + (bigTiff ? 12 : 8);
            long total = n * typeSize(type);
            if (n > (1L << 40)) {
                throw corrupt("tag " + tag + " of page " + (index + 1) + " claims " + n(n) + " values");
            }
            if (total > (bigTiff ? 8 : 4)) {
                // Out-of-line value: it must lie inside the file, or a decoder might allocate for it and then fail.
                long pointer = bigTiff ? b.getLong() : b.getInt() & 0xFFFFFFFFL;
                if (pointer < 0 || pointer + total > bytes.size()) {
                    throw new ImageRejectedException(RejectionCode.TRUNCATED, "The file is " + n(bytes.size())
                            + " bytes long but tag " + tag + " of page " + (index + 1) + " extends to byte "
                            + n(pointer + total) + "; it was probably cut off during upload.");
                }
            }
            b.position(pos + entrySize);
            entries.putIfAbsent(tag, new Entry(tag, type, n, valueField));
        }
        return bigTiff ? b.getLong() : b.getInt() & 0xFFFFFFFFL;
    }

    private Page checkPage(int index, Map<Integer, Entry> e) throws IOException, ImageRejectedException {
        String page = "page " + (index + 1);
        long subfileType = scalar(e, NEW_SUBFILE_TYPE, 0, page);
        if ((subfileType & 0b101) != 0) {
            return null; // reduced-resolution copy or transparency mask, not data
        }
        if (!e.containsKey(IMAGE_WIDTH) || !e.containsKey(IMAGE_LENGTH)) {
            throw corrupt(page + " has no width or height");
        }
        long width = scalar(e, IMAGE_WIDTH, 0, page);
        long height = scalar(e, IMAGE_LENGTH, 0, page);
        if (width == 0 || height == 0) {
            throw corrupt(page + " is " + n(width) + " x " + n(height) + " pixels");
        }
        if (width > limits.maxSide() || height > limits.maxSide()) {
            throw new ImageRejectedException(RejectionCode.TOO_LARGE, "The image is " + n(width) + " x " + n(height)
                    + " pixels; at most " + n(limits.maxSide()) + " pixels per side are supported.");
        }
        if (width * height > limits.maxPixelsPerPlane()) {
            throw new ImageRejectedException(RejectionCode.TOO_LARGE, "The image is " + n(width) + " x " + n(height)
                    + " = " + n(width * height) + " pixels per plane; at most " + n(limits.maxPixelsPerPlane())
                    + " are supported.");
        }
        long samples = scalar(e, SAMPLES_PER_PIXEL, 1, page);
        if (samples < 1 || samples > limits.maxPlanes()) {
            throw new ImageRejectedException(RejectionCode.TOO_MANY_PLANES, "The TIFF " + page + " has " + n(samples)
                    + " samples per pixel; at most " + n(limits.maxPlanes()) + " planes are supported.");
        }
        int bits = bitsPerSample(e, (int) samples, page);
        int sampleFormat = sampleFormat(e, (int) samples, page);
        checkSampleType(bits, sampleFormat);
        int compression = (int) scalar(e, COMPRESSION, 1, page);
        if (!TiffCompression.isSupported(compression)) {
            throw new ImageRejectedException(RejectionCode.UNSUPPORTED_COMPRESSION, "TIFF compression "
                    + TiffCompression.describe(compression) + " is not supported; use uncompressed, LZW or Deflate.");
        }
        long photometric = scalar(e, PHOTOMETRIC, samples >= 3 ? 2 : 1, page);
        if (photometric != 1 && photometric != 2) {
            throw new ImageRejectedException(RejectionCode.UNSUPPORTED_COLOR_TYPE, "TIFF photometric interpretation "
                    + photometricName(photometric) + " (" + photometric
                    + ") is not supported; use grayscale (BlackIsZero) or RGB.");
        }
        if (photometric == 2 && samples < 3) {
            throw corrupt(page + " is RGB with only " + samples + " samples per pixel");
        }
        long planar = scalar(e, PLANAR_CONFIGURATION, 1, page);
        long predictor = scalar(e, PREDICTOR, 1, page);
        if (predictor < 1 || predictor > 3 || (predictor == 3 && sampleFormat != 3)) {
            throw new ImageRejectedException(RejectionCode.UNSUPPORTED_COMPRESSION, "TIFF predictor " + predictor
                    + " with " + bits + "-bit samples is not supported; use none (1), horizontal differencing (2)"
                    + " or, for floating-point samples, floating-point prediction (3).");
        }
        TiffPage decode = chunks(e, page, (int) width, (int) height, (int) samples, bits, sampleFormat == 3,
                compression, (int) predictor, planar == 2);
        return new Page(index, sampleFormat, decode);
    }

    private int bitsPerSample(Map<Integer, Entry> e, int samples, String page)
            throws IOException, ImageRejectedException {
        Entry entry = e.get(BITS_PER_SAMPLE);
        if (entry == null) {
            return 1; // TIFF default: bilevel
        }
        long[] values = values(entry, (int) Math.min(entry.count(), samples), page);
        for (long v : values) {
            if (v != values[0]) {
                StringBuilder all = new StringBuilder();
                for (long w : values) {
                    all.append(all.length() == 0 ? "" : ", ").append(w);
                }
                throw new ImageRejectedException(RejectionCode.UNSUPPORTED_BIT_DEPTH, "TIFF with different bit depths"
                        + " per channel (" + all + ") is not supported; use the same 8 or 16 bits (integer) or 32 bits"
                        + " (float) for every channel.");
            }
        }
        return (int) values[0];
    }

    private int sampleFormat(Map<Integer, Entry> e, int samples, String page) throws IOException, ImageRejectedException {
        Entry entry = e.get(SAMPLE_FORMAT);
        if (entry == null) {
            return 1;
        }
        long[] values = values(entry, (int) Math.min(entry.count(), samples), page);
        for (long v : values) {
            if (v != values[0]) {
                throw new ImageRejectedException(RejectionCode.UNSUPPORTED_SAMPLE_FORMAT,
                        "TIFF with a different sample format per channel is not supported; store every channel as"
                                + " 8/16-bit unsigned integer or 32-bit float.");
            }
        }
        return (int) values[0];
    }

    private static void checkSampleType(int bits, int sampleFormat) throws ImageRejectedException {
        if (bits != 8 && bits != 16 && bits != 32) {
            throw new ImageRejectedException(RejectionCode.UNSUPPORTED_BIT_DEPTH, "TIFF with " + bits
                    + " bit" + (bits == 1 ? "" : "s") + " per sample is not supported; use 8- or 16-bit unsigned"
                    + " integer or 32-bit floating-point samples.");
        }
        boolean ok = (sampleFormat == 1 && bits != 32) || (sampleFormat == 3 && bits == 32);
        if (!ok) {
            String kind = switch (sampleFormat) {
                case 1 -> "unsigned integer";
                case 2 -> "signed integer";
                case 3 -> "floating point";
                default -> "undefined (" + sampleFormat + ")";
            };
            throw new ImageRejectedException(RejectionCode.UNSUPPORTED_SAMPLE_FORMAT, "TIFF samples stored as " + bits
                    + "-bit " + kind + " are not supported; use 8- or 16-bit unsigned integer or 32-bit floating"
                    + " point.");
        }
    }

    /**
     * Where the page's strips or tiles lie, checking that every one ends inside the file (a cut-off upload fails here
     * before decoding) and that one row of them can be decoded within the decode budget.
     */
    private TiffPage chunks(Map<Integer, Entry> e, String page, int width, int height, int samples, int bits,
                            boolean floating, int compression, int predictor, boolean planar)
            throws IOException, ImageRejectedException {
        boolean tiled = e.containsKey(TILE_OFFSETS);
        Entry offsets = e.get(tiled ? TILE_OFFSETS : STRIP_OFFSETS);
        Entry counts = e.get(tiled ? TILE_BYTE_COUNTS : STRIP_BYTE_COUNTS);
        if (offsets == null) {
            throw corrupt(page + " has no pixel data (no strip or tile offsets)");
        }
        long chunkWidth;
        long chunkHeight;
        if (tiled) {
            chunkWidth = scalar(e, TILE_WIDTH, 0, page);
            chunkHeight = scalar(e, TILE_LENGTH, 0, page);
            if (chunkWidth < 1 || chunkHeight < 1 || chunkWidth > limits.maxSide() || chunkHeight > limits.maxSide()) {
                throw corrupt(page + " is tiled but has no valid tile size");
            }
        } else {
            chunkWidth = width;
            chunkHeight = Math.max(1, Math.min(scalar(e, ROWS_PER_STRIP, height, page), height));
        }
        long across = ceilDiv(width, chunkWidth);
        long perPlane = across * ceilDiv(height, chunkHeight);
        long sampleBytes = bits / 8;
        long chunkRowBytes = across * chunkWidth * (planar ? 1 : samples) * sampleBytes;
        if (across > MAX_TILES_ACROSS || chunkRowBytes > limits.decodeBudgetBytes()) {
            throw new ImageRejectedException(RejectionCode.TOO_LARGE, "The TIFF " + page + " has rows of "
                    + n(across) + " " + (tiled ? "tiles" : "strip") + " of " + n(chunkRowBytes) + " bytes of samples;"
                    + " at most " + n(MAX_TILES_ACROSS) + " tiles and " + n(limits.decodeBudgetBytes())
                    + " bytes per row are supported. Save it with fewer channels per page or larger tiles.");
        }
        long expected = perPlane * (planar ? samples : 1);
        if (offsets.count() < expected || (counts != null && counts.count() != offsets.count())) {
            throw corrupt(page + " lists " + n(offsets.count()) + " " + (tiled ? "tiles" : "strips") + " where "
                    + n(expected) + " are needed");
        }
        TiffPage.Values offsetValues = valueArray(offsets, page);
        TiffPage.Values countValues = counts == null ? null : valueArray(counts, page);
        if (counts != null) {
            long end = 0;
            for (long i = 0; i < expected; i += CHUNK) {
                int len = (int) Math.min(CHUNK, expected - i);
                long[] off = values(offsets, i, len, page);
                long[] cnt = values(counts, i, len, page);
                for (int k = 0; k < len; k++) {
                    end = Math.max(end, off[k] + cnt[k]);
                }
            }
            if (end > bytes.size()) {
                throw new ImageRejectedException(RejectionCode.TRUNCATED, "The file is " + n(bytes.size())
                        + " bytes long but the pixel data of " + page + " extends to byte " + n(end)
                        + "; it was probably cut off during upload.");
            }
        } else if (compression != 1) {
            throw corrupt(page + " is compressed but does not list the size of its " + (tiled ? "tiles" : "strips"));
        }
        return new TiffPage(width, height, samples, bits, floating, compression, predictor, planar, bytes.order(),
                tiled, (int) chunkWidth, (int) chunkHeight, offsetValues, countValues);
    }

    private ImageLayout layout(List<Page> pages, PageMode mode) throws ImageRejectedException {
        Page first = pages.get(0);
        for (int i = 1; i < pages.size(); i++) {
            Page p = pages.get(i);
            String diff = null;
            if (p.width() != first.width() || p.height() != first.height()) {
                diff = "is " + p.width() + " x " + p.height() + " pixels but page 1 is " + first.width() + " x "
                        + first.height();
            } else if (p.bits() != first.bits() || p.sampleFormat() != first.sampleFormat()) {
                diff = "has " + typeOf(p).bits() + "-bit " + typeOf(p) + " samples but page 1 has "
                        + typeOf(first).bits() + "-bit " + typeOf(first);
            } else if (p.samples() != first.samples()) {
                diff = "has " + p.samples() + " samples per pixel but page 1 has " + first.samples();
            }
            if (diff != null) {
                throw new ImageRejectedException(RejectionCode.INCONSISTENT_PAGES, "Page " + (p.index() + 1)
                        + " of the TIFF " + diff + "; all pages of one upload must have the same size and sample"
                        + " format.");
            }
        }
        long planes = (long) pages.size() * first.samples();
        if (planes > limits.maxPlanes()) {
            throw new ImageRejectedException(RejectionCode.TOO_MANY_PLANES, "The TIFF has " + n(planes)
                    + " planes (" + pages.size() + " pages x " + first.samples() + " samples); at most "
                    + n(limits.maxPlanes()) + " are supported.");
        }
        long total = planes * first.width() * first.height();
        if (total > limits.maxTotalPixels()) {
            throw new ImageRejectedException(RejectionCode.TOO_MANY_PLANES, "The TIFF holds " + n(total)
                    + " pixels in " + n(planes) + " planes; at most " + n(limits.maxTotalPixels())
                    + " pixels per upload are supported.");
        }
        int channels = mode == PageMode.CHANNELS ? (int) planes : first.samples();
        int frames = mode == PageMode.CHANNELS ? 1 : pages.size();
        String compression = pages.stream().map(p -> TiffCompression.nameOf(p.compression())).distinct()
                .reduce((a, b) -> a + "+" + b).orElseThrow();
        SampleType type = typeOf(first);
        ImageInfo info = new ImageInfo(ImageFormat.TIFF, first.width(), first.height(), channels, frames,
                type.bits(), type, compression);
        return new ImageLayout(info, mode, pages.stream().map(Page::decode).toList(), first.samples(),
                first.samples());
    }

    private static SampleType typeOf(Page p) {
        return switch (p.bits()) {
            case 8 -> SampleType.UINT8;
            case 16 -> SampleType.UINT16;
            default -> SampleType.FLOAT32;
        };
    }

    private static String photometricName(long value) {
        return switch ((int) value) {
            case 0 -> "WhiteIsZero (inverted grayscale)";
            case 3 -> "palette colour";
            case 4 -> "transparency mask";
            case 5 -> "CMYK";
            case 6 -> "YCbCr";
            case 8 -> "CIE L*a*b*";
            case 32844, 32845 -> "LogLuv";
            case 32803 -> "colour filter array (raw)";
            default -> "unknown";
        };
    }

    // ---- value access ----

    private long scalar(Map<Integer, Entry> e, int tag, long defaultValue, String page)
            throws IOException, ImageRejectedException {
        Entry entry = e.get(tag);
        if (entry == null || entry.count() == 0) {
            return defaultValue;
        }
        return values(entry, 1, page)[0];
    }

    private long[] values(Entry entry, int count, String page) throws IOException, ImageRejectedException {
        return values(entry, 0, count, page);
    }

    /** Reads {@code count} unsigned integer values starting at value {@code first} of an entry. */
    private long[] values(Entry entry, long first, int count, String page) throws IOException, ImageRejectedException {
        if (first + count > entry.count()) {
            throw corrupt("tag " + entry.tag() + " of " + page + " has " + entry.count() + " values, fewer than needed");
        }
        TiffPage.Values where = valueArray(entry, page);
        int size = where.size();
        ByteBuffer b = bytes.read(where.start() + first * size, count * size, "tag " + entry.tag() + " of " + page);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = switch (size) {
                case 1 -> b.get() & 0xFF;
                case 2 -> b.getShort() & 0xFFFF;
                case 4 -> b.getInt() & 0xFFFFFFFFL;
                default -> b.getLong();
            };
            if (out[i] < 0) {
                throw corrupt("tag " + entry.tag() + " of " + page + " holds a negative value");
            }
        }
        return out;
    }

    /** Where the values of an entry lie in the file, and their size. */
    private TiffPage.Values valueArray(Entry entry, String page) throws IOException, ImageRejectedException {
        int size = switch (entry.type()) {
            case 1, 7 -> 1;   // BYTE, UNDEFINED
            case 3 -> 2;      // SHORT
            case 4, 13 -> 4;  // LONG, IFD
            case 16, 18 -> 8; // LONG8, IFD8
            default -> throw corrupt("tag " + entry.tag() + " of " + page + " has unexpected type " + entry.type());
        };
        if (entry.count() > (1L << 40)) {
            throw corrupt("tag " + entry.tag() + " of " + page + " claims " + n(entry.count()) + " values");
        }
        long start;
        if (entry.count() * size <= (bigTiff ? 8 : 4)) {
            start = entry.valueField();
        } else {
            ByteBuffer pointer = bytes.read(entry.valueField(), bigTiff ? 8 : 4, "a directory entry of " + page);
            start = bigTiff ? pointer.getLong() : pointer.getInt() & 0xFFFFFFFFL;
        }
        return new TiffPage.Values(start, size, entry.count());
    }

    /** Bytes per value of a TIFF field type; unknown types count as 1 (they are skipped anyway). */
    private static int typeSize(int type) {
        return switch (type) {
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12, 16, 17, 18 -> 8;
            default -> 1;
        };
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static ImageRejectedException corrupt(String detail) {
        return new ImageRejectedException(RejectionCode.CORRUPT, "The TIFF file is damaged: " + detail + ".");
    }
}
