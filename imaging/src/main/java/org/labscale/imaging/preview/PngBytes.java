package org.labscale.imaging.preview;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** A rendered image as PNG bytes in memory (previews, thumbnails, overlays). */
public final class PngBytes {

    private PngBytes() {
    }

    /** @param what what is encoded, for the error message */
    public static byte[] of(BufferedImage image, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG encoder available in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("encoding " + what + " as PNG failed", e);
        }
        return bytes.toByteArray();
    }
}
