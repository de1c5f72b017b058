package org.labscale.tracking.plot;

/**
 * What a {@link Figure} draws on: a few primitives in pixel coordinates (origin top left), implemented once for PNG
 * ({@link RasterCanvas}) and once for SVG ({@link SvgCanvas}), so each figure is drawn by one piece of code. Colours
 * are {@code 0xRRGGBB}.
 */
public interface PlotCanvas {

    /** Where a text's anchor point lies along the text. */
    enum Anchor { START, MIDDLE, END }

    /** @param role a short name of what the rectangle shows ({@code bar}, {@code legend}...), kept in the SVG */
    void rect(double x, double y, double w, double h, int rgb, String role);

    void line(double x1, double y1, double x2, double y2, int rgb, double width);

    /** An open line through the points (x0, y0, x1, y1, ...). */
    void polyline(double[] xy, int rgb, double width);

    /** Text with its baseline at {@code y}; 11 px sans-serif. */
    void text(double x, double y, String text, int rgb, Anchor anchor);

    /** Text rotated a quarter turn counter-clockwise (a vertical axis title), centred on (x, y). */
    void verticalText(double x, double y, String text, int rgb);

    /** A raster drawn at (x, y), one canvas pixel per image pixel; {@code argb} row-major, {@code w x h}. */
    void image(double x, double y, int w, int h, int[] argb);
}
