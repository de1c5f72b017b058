package org.labscale.imaging.labels;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageWriterSpi;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes label images losslessly: class maps as 8-bit grayscale PNG, instance labels as 16-bit grayscale PNG or
 * 16-bit grayscale TIFF (Adobe Deflate). All three read back with {@link LabelImageReader}.
 */
public final class LabelImageEncoder {

    private LabelImageEncoder() {
    }

    /** @throws IllegalArgumentException a value above 255 */
    public static byte[] classMapPng(LabelImage classMap) {
        return png(toImage(classMap, BufferedImage.TYPE_BYTE_GRAY, 255));
    }

    /** @throws IllegalArgumentException a label above 65,535 */
    public static byte[] labelsPng16(LabelImage labels) {
        return png(toImage(labels, BufferedImage.TYPE_USHORT_GRAY, 65_535));
    }

    /** @throws IllegalArgumentException a label above 65,535 */
    public static byte[] labelsTiff16(LabelImage labels) {
        BufferedImage image = toImage(labels, BufferedImage.TYPE_USHORT_GRAY, 65_535);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = null;
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer = new TIFFImageWriterSpi().createWriterInstance();
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("ZLib"); // TIFF compression 8, "Adobe Deflate", read by every TIFF library
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a TIFF in memory failed", e);
        } finally {
            if (writer != null) {
                writer.dispose();
            }
        }
        return bytes.toByteArray();
    }

    private static BufferedImage toImage(LabelImage labels, int type, int max) {
        int[] data = labels.data();
        for (int v : data) {
            if (v > max) {
                throw new IllegalArgumentException("value " + v + " does not fit the encoding (max " + max + ")");
            }
        }
        BufferedImage image = new BufferedImage(labels.width(), labels.height(), type);
        WritableRaster raster = image.getRaster();
        raster.setSamples(0, 0, labels.width(), labels.height(), 0, data);
        return image;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG encoder available in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a PNG in memory failed", e);
        }
        return bytes.toByteArray();
    }
}
