package org.labscale.tracking.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * A {@link PlotCanvas} written as SVG 1.1 text: one element per primitive ({@code rect} with a {@code class} naming its
 * role, {@code line}, {@code polyline}, {@code text}); rasters are embedded as PNG data URIs.
 */
final class SvgCanvas implements PlotCanvas {

    private final StringBuilder svg = new StringBuilder();

    SvgCanvas(int width, int height) {
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"11\">\n")
                .append("<rect class=\"background\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    }

    String finish() {
        return svg + "</svg>\n";
    }

    @Override
    public void rect(double x, double y, double w, double h, int rgb, String role) {
        svg.append("<rect class=\"").append(escape(role)).append("\" x=\"").append(n(x)).append("\" y=\"")
                .append(n(y)).append("\" width=\"").append(n(w)).append("\" height=\"").append(n(h))
                .append("\" fill=\"").append(colour(rgb)).append("\"/>\n");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width) {
        svg.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(colour(rgb))
                .append("\" stroke-width=\"").append(n(width)).append("\"/>\n");
    }

    @Override
    public void polyline(double[] xy, int rgb, double width) {
        if (xy.length < 4) {
            return;
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(colour(rgb)).append("\" stroke-width=\"")
                .append(n(width)).append("\" points=\"");
        for (int k = 0; k + 1 < xy.length; k += 2) {
            svg.append(k == 0 ? "" : " ").append(n(xy[k])).append(',').append(n(xy[k + 1]));
        }
        svg.append("\"/>\n");
    }

    @Override
    public void text(double x, double y, String text, int rgb, Anchor anchor) {
        svg.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" fill=\"")
                .append(colour(rgb)).append("\" text-anchor=\"").append(anchor(anchor)).append("\">")
                .append(escape(text)).append("</text>\n");
    }

    @Override
    public void verticalText(double x, double y, String text, int rgb) {
        svg.append("<text transform=\"translate(").append(n(x)).append(',').append(n(y))
                .append(") rotate(-90)\" y=\"4\" fill=\"").append(colour(rgb))
                .append("\" text-anchor=\"middle\">").append(escape(text)).append("</text>\n");
    }

    @Override
    public void image(double x, double y, int w, int h, int[] argb) {
        BufferedImage raster = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        raster.setRGB(0, 0, w, h, argb, 0, w);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(raster, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG in memory", e);
        }
        svg.append("<image x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" style=\"image-rendering:pixelated\" href=\"")
                .append("data:image/png;base64,").append(Base64.getEncoder().encodeToString(png.toByteArray()))
                .append("\"/>\n");
    }

    private static String anchor(Anchor anchor) {
        return switch (anchor) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
    }

    private static String colour(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xffffff);
    }

    private static String n(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
