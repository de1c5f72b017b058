package org.labscale.tracking;

import org.labscale.imaging.labels.LabelImage;

/**
 * One frame of a segmented time series: its instance labels (0 background) and, optionally, the image intensities
 * under them (row-major, one value per pixel) for the mean-intensity feature.
 *
 * @param frame     the frame's index in the series, from 0
 * @param labels    the instance mask
 * @param intensity the image, or {@code null}
 */
public record LabelFrame(int frame, LabelImage labels, float[] intensity) {

    public LabelFrame {
        if (frame < 0) {
            throw new IllegalArgumentException("frame must be >= 0, was " + frame);
        }
        if (labels == null) {
            throw new IllegalArgumentException("frame " + frame + " has no label image");
        }
        if (intensity != null && intensity.length != labels.width() * labels.height()) {
            throw new IllegalArgumentException("frame " + frame + ": the intensity image has " + intensity.length
                    + " pixels, the labels " + labels.width() + "x" + labels.height());
        }
    }

    public static LabelFrame of(int frame, LabelImage labels) {
        return new LabelFrame(frame, labels, null);
    }
}
