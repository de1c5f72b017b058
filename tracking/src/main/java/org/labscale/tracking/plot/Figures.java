package org.labscale.tracking.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** Renders a {@link Figure} as PNG bytes, SVG text and CSV text. */
public final class Figures {

    private Figures() {
    }

    /** The figure on a white raster of its size (headless AWT). */
    public static BufferedImage raster(Figure figure) {
        RasterCanvas canvas = new RasterCanvas(figure.width(), figure.height());
        figure.draw(canvas);
        return canvas.finish();
    }

    public static byte[] png(Figure figure) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(raster(figure), "png", out)) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG in memory", e);
        }
        return out.toByteArray();
    }

    public static String svg(Figure figure) {
        SvgCanvas canvas = new SvgCanvas(figure.width(), figure.height());
        figure.draw(canvas);
        return canvas.finish();
    }

    public static String csv(Figure figure) {
        StringWriter out = new StringWriter();
        try {
            figure.writeCsv(out);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }
}
