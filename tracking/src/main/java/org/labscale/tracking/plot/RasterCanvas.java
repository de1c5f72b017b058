package org.labscale.tracking.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * A {@link PlotCanvas} on an RGB {@link BufferedImage} (white background). Rectangles and images are drawn without
 * anti-aliasing so that their pixels carry exactly the requested colour; lines and text are anti-aliased.
 */
final class RasterCanvas implements PlotCanvas {

    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private final BufferedImage image;
    private final Graphics2D g;

    RasterCanvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(FONT);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }

    BufferedImage finish() {
        g.dispose();
        return image;
    }

    @Override
    public void rect(double x, double y, double w, double h, int rgb, String role) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setColor(new Color(rgb));
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width) {
        stroke(rgb, width);
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xy, int rgb, double width) {
        if (xy.length < 4) {
            return;
        }
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xy[0], xy[1]);
        for (int k = 2; k + 1 < xy.length; k += 2) {
            path.lineTo(xy[k], xy[k + 1]);
        }
        stroke(rgb, width);
        g.draw(path);
    }

    private void stroke(int rgb, double width) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(rgb));
        g.setStroke(new BasicStroke((float) width));
    }

    @Override
    public void text(double x, double y, String text, int rgb, Anchor anchor) {
        g.setColor(new Color(rgb));
        int w = g.getFontMetrics().stringWidth(text);
        double left = switch (anchor) {
            case START -> x;
            case MIDDLE -> x - w / 2.0;
            case END -> x - w;
        };
        g.drawString(text, (float) left, (float) y);
    }

    @Override
    public void verticalText(double x, double y, String text, int rgb) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        text(0, 4, text, rgb, Anchor.MIDDLE);
        g.setTransform(saved);
    }

    @Override
    public void image(double x, double y, int w, int h, int[] argb) {
        BufferedImage raster = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        raster.setRGB(0, 0, w, h, argb, 0, w);
        g.drawImage(raster, (int) Math.round(x), (int) Math.round(y), null);
    }
}
