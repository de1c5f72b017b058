package org.labscale.imaging;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Writes test images with the JDK's own TIFF and PNG writers, an implementation independent of the TwelveMonkeys
 * reader under test.
 */
public final class TestImages {

    /** Sample value of (x, y, band) in generated images. */
    @FunctionalInterface
    public interface Pixels {
        double at(int x, int y, int band);
    }

    private TestImages() {
    }

    /** An image of {@code bands} bands of the given DataBuffer type (BYTE, USHORT or FLOAT), filled from f. */
    public static BufferedImage image(int width, int height, int bands, int dataType, Pixels f) {
        ColorSpace cs = ColorSpace.getInstance(bands >= 3 ? ColorSpace.CS_sRGB : ColorSpace.CS_GRAY);
        boolean alpha = bands == 2 || bands == 4;
        ColorModel cm = new ComponentColorModel(cs, alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, dataType);
        WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int b = 0; b < bands; b++) {
                    raster.setSample(x, y, b, (float) f.at(x, y, b));
                }
            }
        }
        return new BufferedImage(cm, raster, false, null);
    }

    /** Writes pages as one TIFF; compression is null (none) or a JDK writer type: "LZW", "Deflate", "ZLib". */
    public static Path tiff(Path file, String compression, List<BufferedImage> pages) throws IOException {
        ImageWriter writer = jdkWriter("tiff");
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
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
        } finally {
            writer.dispose();
        }
        return file;
    }

    /** Writes a PNG with the JDK writer. */
    public static Path png(Path file, BufferedImage image) throws IOException {
        ImageWriter writer = jdkWriter("png");
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(image);
        } finally {
            writer.dispose();
        }
        return file;
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

    /** DataBuffer type for a sample type. */
    public static int dataType(SampleType type) {
        return switch (type) {
            case UINT8 -> DataBuffer.TYPE_BYTE;
            case UINT16 -> DataBuffer.TYPE_USHORT;
            case FLOAT32 -> DataBuffer.TYPE_FLOAT;
        };
    }
}
