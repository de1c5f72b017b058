package org.labscale.segmentation.output;

import org.labscale.segmentation.ProbabilityMaps;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.FileImageOutputStream;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Writes probability maps as a multi-page TIFF: one 32-bit float grayscale page per class, in class order,
 * Deflate-compressed. Imaging's reader opens it with {@code PageMode.CHANNELS} as one channel per class. Written with
 * the JDK's own TIFF writer: TwelveMonkeys 3.15 writes no float samples.
 */
public final class ProbabilityTiff {

    private ProbabilityTiff() {
    }

    public static void write(ProbabilityMaps maps, Path file) throws IOException {
        Files.deleteIfExists(file);
        ImageWriter writer = jdkTiffWriter();
        try (ImageOutputStream out = new FileImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("Deflate");
            writer.prepareWriteSequence(null);
            ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false,
                    false, Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
            for (float[] plane : maps.planes()) {
                WritableRaster raster = model.createCompatibleWritableRaster(maps.width(), maps.height());
                BufferedImage page = new BufferedImage(model, raster, false, null);
                raster.setSamples(0, 0, maps.width(), maps.height(), 0, plane);
                writer.writeToSequence(new IIOImage(page, null, null), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    private static ImageWriter jdkTiffWriter() {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff"); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getOriginatingProvider().getClass().getName().startsWith("com.sun.imageio.plugins.tiff")) {
                return w;
            }
        }
        throw new IllegalStateException("the JDK's TIFF writer (javax.imageio, Java 9+) is missing");
    }
}
