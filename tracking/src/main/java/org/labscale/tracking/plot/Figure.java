package org.labscale.tracking.plot;

import java.io.IOException;
import java.io.Writer;

/**
 * A figure of a time-lapse analysis: drawn on any {@link PlotCanvas} and written as CSV with every number it plots,
 * so a reader can check or re-plot it. Write it with {@link Figures}.
 */
public interface Figure {

    int width();

    int height();

    void draw(PlotCanvas canvas);

    /** The plotted numbers, with a header line. */
    void writeCsv(Writer out) throws IOException;
}
