package org.labscale.imaging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hand-crafted classic little-endian TIFFs: any tag values, uncompressed single-strip pages, pixel data written row by
 * row from a generator so even huge files need no heap. Used for headers no real writer would produce.
 */
public final class MinimalTiff {

    /** Produces one row of raw (little-endian) pixel bytes. */
    @FunctionalInterface
    public interface RowSource {
        void fill(int page, int y, ByteBuffer row);
    }

    /** One page: its tags (SHORT or LONG values) and how many pixel bytes follow. */
    public static final class Page {
        final Map<Integer, long[]> tags = new TreeMap<>();
        long pixelBytes;
        int rowBytes;
        int rows;
        int stripRows;
        byte[] strip;

        public Page tag(int tag, long... values) {
            tags.put(tag, values);
            return this;
        }

        /** Uses {@code data} as the page's single strip, as stored (e.g. already compressed). */
        public Page strip(byte[] data) {
            strip = data;
            pixelBytes = data.length;
            return this;
        }

        /** Splits the generated pixel data into strips of {@code rows} rows (as most writers do) instead of one. */
        public Page stripRows(int rows) {
            stripRows = rows;
            return tag(278, rows);
        }

        int strips() {
            return strip != null || stripRows <= 0 ? 1 : (rows + stripRows - 1) / stripRows;
        }

        public Page remove(int tag) {
            tags.remove(tag);
            return this;
        }
    }

    private MinimalTiff() {
    }

    /** A grayscale page header: width, height, bits, sample format, uncompressed, one strip. */
    public static Page gray(long width, long height, int bits, int sampleFormat) {
        Page p = new Page();
        p.tag(256, width).tag(257, height).tag(258, bits).tag(259, 1).tag(262, 1).tag(277, 1)
                .tag(278, height).tag(339, sampleFormat);
        p.rowBytes = (int) Math.min(Integer.MAX_VALUE, width * bits / 8);
        p.rows = (int) Math.min(Integer.MAX_VALUE, height);
        p.pixelBytes = (long) p.rowBytes * p.rows;
        return p;
    }

    /** Writes only the directories; strips point where pixel data would be, but no pixel bytes are written. */
    public static Path headerOnly(Path file, Page... pages) throws IOException {
        return write(file, null, pages);
    }

    /** Writes directories followed by pixel data produced row by row. */
    public static Path write(Path file, RowSource rows, Page... pages) throws IOException {
        // Layout: header (8) | IFD page 0 | ... | IFD page n-1 | pixel data page 0 | ...
        List<Integer> ifdSizes = new ArrayList<>();
        long ifdBytes = 0;
        for (Page p : pages) {
            int size = 2 + 12 * (p.tags.size() + 2) + 4 + extraBytes(p) + (p.strips() > 1 ? 8 * p.strips() : 0);
            ifdSizes.add(size);
            ifdBytes += size;
        }
        long dataStart = 8 + ifdBytes;
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer head = le(8).put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
            out.write(head.array());
            long ifdPos = 8;
            long dataPos = dataStart;
            for (int i = 0; i < pages.length; i++) {
                Page p = pages[i];
                Map<Integer, long[]> tags = new TreeMap<>(p.tags);
                long[] offsets = {dataPos};
                long[] counts = {p.pixelBytes};
                if (p.strips() > 1) {
                    offsets = new long[p.strips()];
                    counts = new long[p.strips()];
                    for (int k = 0; k < offsets.length; k++) {
                        long first = (long) k * p.stripRows;
                        offsets[k] = dataPos + first * p.rowBytes;
                        counts[k] = Math.min(p.stripRows, p.rows - first) * p.rowBytes;
                    }
                }
                tags.put(273, offsets);
                tags.put(279, counts);
                int size = ifdSizes.get(i);
                long next = i + 1 < pages.length ? ifdPos + size : 0;
                out.write(directory(tags, ifdPos, next, size).array());
                ifdPos += size;
                dataPos += p.pixelBytes;
            }
            for (Page p : pages) {
                if (p.strip != null) {
                    out.write(p.strip);
                }
            }
            if (rows != null) {
                for (int i = 0; i < pages.length; i++) {
                    if (pages[i].strip != null) {
                        continue;
                    }
                    ByteBuffer row = le(pages[i].rowBytes);
                    for (int y = 0; y < pages[i].rows; y++) {
                        row.clear();
                        rows.fill(i, y, row);
                        out.write(row.array());
                    }
                }
            }
        }
        return file;
    }

    private static int extraBytes(Page p) {
        int extra = 0;
        for (long[] v : p.tags.values()) {
            if (v.length > 1) {
                extra += 4 * v.length;
            }
        }
        return extra;
    }

    private static ByteBuffer directory(Map<Integer, long[]> tags, long ifdPos, long next, int size) {
        ByteBuffer b = le(size);
        b.putShort((short) tags.size());
        int extraPos = 2 + 12 * tags.size() + 4;
        for (Map.Entry<Integer, long[]> e : tags.entrySet()) {
            long[] v = e.getValue();
            boolean small = e.getKey() != 273 && e.getKey() != 279 && v.length == 1 && v[0] <= 0xFFFF;
            b.putShort(e.getKey().shortValue()).putShort((short) (small ? 3 : 4)).putInt(v.length);
            if (v.length == 1) {
                if (small) {
                    b.putShort((short) v[0]).putShort((short) 0);
                } else {
                    b.putInt((int) v[0]);
                }
            } else {
                b.putInt((int) (ifdPos + extraPos));
                int save = b.position();
                b.position(extraPos);
                for (long x : v) {
                    b.putInt((int) x);
                }
                extraPos = b.position();
                b.position(save);
            }
        }
        b.putInt((int) next);
        return b;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
