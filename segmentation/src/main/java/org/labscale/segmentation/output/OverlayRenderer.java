package org.labscale.segmentation.output;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.preview.ChannelComposite;
import org.labscale.imaging.preview.PercentileStretch;
import org.labscale.imaging.preview.PngBytes;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;

/**
 * The overlay preview: the image's channels stretched from their 0.5th to 99.5th percentile and composed as the
 * platform's previews are ({@link ChannelComposite}: gray, green/magenta, RGB), with every cell's boundary (a cell
 * pixel whose 4-neighbour belongs to another cell or the background) drawn in yellow. Full resolution, 8-bit RGB PNG.
 */
public final class OverlayRenderer {

    /** The boundary colour, {@code 0xRRGGBB}. */
    public static final int BOUNDARY = 0xFFFF00;

    private OverlayRenderer() {
    }

    public static byte[] render(List<FloatPlane> channels, LabelImage cells) {
        int w = cells.width();
        int h = cells.height();
        byte[][] stretched = new byte[Math.min(3, channels.size())][];
        for (int c = 0; c < stretched.length; c++) {
            FloatPlane plane = channels.get(c);
            if (plane.width() != w || plane.height() != h) {
                throw new IllegalArgumentException("channel " + c + " is " + plane.width() + " x " + plane.height()
                        + " but the cells " + w + " x " + h);
            }
            stretched[c] = PercentileStretch.apply(plane.pixels(), PercentileStretch.range(plane.pixels(), 0.5, 99.5));
        }
        int[] labels = cells.toArray();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int rgb = isBoundary(labels, x, y, w, h) ? BOUNDARY : ChannelComposite.rgb(stretched, i);
                bgr[3 * i] = (byte) rgb;
                bgr[3 * i + 1] = (byte) (rgb >> 8);
                bgr[3 * i + 2] = (byte) (rgb >> 16);
            }
        }
        return PngBytes.of(out, "the overlay");
    }

    static boolean isBoundary(int[] labels, int x, int y, int w, int h) {
        int l = labels[y * w + x];
        if (l == 0) {
            return false;
        }
        return (x > 0 && labels[y * w + x - 1] != l) || (x < w - 1 && labels[y * w + x + 1] != l)
                || (y > 0 && labels[(y - 1) * w + x] != l) || (y < h - 1 && labels[(y + 1) * w + x] != l);
    }
}
