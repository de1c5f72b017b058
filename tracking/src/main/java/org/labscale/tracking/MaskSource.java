package org.labscale.tracking;

import org.labscale.imaging.labels.LabelImage;

import java.io.IOException;

/** A frame's instance mask, loaded when it is asked for (e.g. from disk), so a long series need not be in memory. */
@FunctionalInterface
public interface MaskSource {

    LabelImage mask(int frame) throws IOException;
}
