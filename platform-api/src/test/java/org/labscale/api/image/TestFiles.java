package org.labscale.api.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Image and mask files generated in code (no binary fixtures): written with the JDK's TIFF and PNG writers, an
 * implementation independent of the reader the API uses.
 */
public final class TestFiles {

    private TestFiles() {
    }

    /** One band of one page: sample at (x, y). */
    @FunctionalInterface
    public interface Pixels {
        double at(int x, int y);
    }

    /** A gradient with a bright square, so previews have structure. */
    public static final Pixels GRADIENT = (x, y) -> (x * 7 + y * 3) % 200 + (x > 10 && x < 20 && y > 5 ? 50 : 0);

    /** A single-band image of DataBuffer type BYTE, USHORT or FLOAT. */
    public static BufferedImage gray(int width, int height, int dataType, Pixels f) {
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
                Transparency.OPAQUE, dataType);
        WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, (float) f.at(x, y));
            }
        }
        return new BufferedImage(cm, raster, false, null);
    }

    /** A TIFF of the pages; compression null (none) or a JDK writer type ("LZW", "Deflate", "PackBits"). */
    public static byte[] tiff(String compression, BufferedImage... pages) {
        ImageWriter writer = jdkWriter("tiff");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (compression != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType(compression);
            }
            writer.prepareWriteSequence(null);
            for (BufferedImage page : pages) {
                writer.writeToSequence(new IIOImage(page, null, null), param);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    public static byte[] png(BufferedImage image) {
        ImageWriter writer = jdkWriter("png");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** An 8-bit gray PNG of {@code rows[y][x]} (values 0..255), for masks. */
    public static byte[] mask8(int[][] rows) {
        return png(gray(rows[0].length, rows.length, DataBuffer.TYPE_BYTE, (x, y) -> rows[y][x]));
    }

    /** A 16-bit gray PNG of {@code rows[y][x]}, for instance masks with many cells. */
    public static byte[] mask16(int[][] rows) {
        return png(gray(rows[0].length, rows.length, DataBuffer.TYPE_USHORT, (x, y) -> rows[y][x]));
    }

    /** Pixel values of an 8-bit gray PNG (or any single-band image) as {@code [y][x]}. */
    public static int[][] read(byte[] image) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(image));
            int[][] rows = new int[img.getHeight()][img.getWidth()];
            for (int y = 0; y < img.getHeight(); y++) {
                img.getRaster().getPixels(0, y, img.getWidth(), 1, rows[y]);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A viewer overlay tile's labels (red * 256 + green per pixel, as the API encodes them) as {@code [y][x]}. */
    public static int[][] labelTile(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            int[][] rows = new int[image.getHeight()][image.getWidth()];
            for (int y = 0; y < rows.length; y++) {
                for (int x = 0; x < rows[0].length; x++) {
                    int rgb = image.getRGB(x, y);
                    rows[y][x] = (rgb >> 16 & 0xFF) << 8 | rgb >> 8 & 0xFF;
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Width and height of a PNG from its IHDR, checking the signature. */
    public static int[] pngSize(byte[] png) {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        if (!Arrays.equals(Arrays.copyOf(png, 8), signature)) {
            throw new AssertionError("not a PNG");
        }
        ByteBuffer b = ByteBuffer.wrap(png).order(ByteOrder.BIG_ENDIAN);
        return new int[]{b.getInt(16), b.getInt(20)};
    }

    /**
     * A valid little-endian TIFF header describing an 8-bit gray image of {@code width x height} with a few bytes of
     * "pixel data": the absurd-header case (100,000 x 100,000 must be refused from the header alone).
     */
    public static byte[] tiffHeader(long width, long height) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + 9 * 12 + 4 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) 9);
        int data = 8 + 2 + 9 * 12 + 4;
        entry(b, 256, 4, width);        // ImageWidth
        entry(b, 257, 4, height);       // ImageLength
        entry(b, 258, 3, 8);            // BitsPerSample
        entry(b, 259, 3, 1);            // Compression: none
        entry(b, 262, 3, 1);            // Photometric: black is zero
        entry(b, 273, 4, data);         // StripOffsets
        entry(b, 277, 3, 1);            // SamplesPerPixel
        entry(b, 278, 4, height);       // RowsPerStrip
        entry(b, 279, 4, 0xFFFFFFFFL);  // StripByteCounts
        b.putInt(0);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, long value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt((int) value);
        }
    }

    /** The PNG with bytes inside its first IDAT's compressed data overwritten: damaged pixel data. */
    public static byte[] corruptPng(byte[] png) {
        byte[] out = png.clone();
        for (int i = 8; i + 8 < out.length; i++) {
            if (out[i] == 'I' && out[i + 1] == 'D' && out[i + 2] == 'A' && out[i + 3] == 'T') {
                for (int k = i + 6; k < Math.min(out.length - 12, i + 40); k++) {
                    out[k] = (byte) 0xFF;
                }
                return out;
            }
        }
        throw new IllegalArgumentException("no IDAT chunk");
    }

    public static byte[] text(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    /** A 1-bit black-and-white TIFF: a bit depth microscopy uploads do not use. */
    public static byte[] oneBitTiff() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_BINARY);
        image.getRaster().setSample(3, 3, 0, 1);
        return tiff(null, image);
    }

    private static ImageWriter jdkWriter(String format) {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.")) {
                return w;
            }
        }
        throw new IllegalStateException("no JDK " + format + " writer");
    }

    public static List<BufferedImage> pages(int n, int width, int height, int dataType) {
        return java.util.stream.IntStream.range(0, n).mapToObj(p -> gray(width, height, dataType,
                (x, y) -> GRADIENT.at(x, y) + p * 20)).toList();
    }
}
