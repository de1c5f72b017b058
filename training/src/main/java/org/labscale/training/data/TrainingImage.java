package org.labscale.training.data;

import org.labscale.imaging.FloatPlane;

/**
 * One annotated image ready for patch sampling: each channel normalised with the median/local-mean normaliser, and
 * the class of every pixel (class-map value: 0 background, 1 boundary, 2.. interior classes).
 *
 * @param name          for messages, e.g. the image id or file name
 * @param channels      {@code channels[c][y * width + x]}, normalised, in the net's channel order
 * @param classes       {@code classes[y * width + x]}, 0 to the number of classes - 1
 * @param nuclearMarker the raw (not normalised) plane of the net's nuclear channel, from which a segmentation job
 *                      finds the seeds of ACTIVE_CONTOURS; null when the net reads none
 * @param scaled        {@code scaled[c][y * width + x]}: the channels after the normalisation's first step (offset
 *                      and scale of the whole channel), before the local mean is subtracted, which context mixing
 *                      ({@link ContextMixer}) needs to normalise a patch made of two images; null when not kept
 */
public record TrainingImage(String name, int width, int height, float[][] channels, byte[] classes,
                            FloatPlane nuclearMarker, float[][] scaled) {

    /** An image without a nuclear marker. */
    public TrainingImage(String name, int width, int height, float[][] channels, byte[] classes) {
        this(name, width, height, channels, classes, null, null);
    }

    /** An image without the scaled planes. */
    public TrainingImage(String name, int width, int height, float[][] channels, byte[] classes,
                         FloatPlane nuclearMarker) {
        this(name, width, height, channels, classes, nuclearMarker, null);
    }

    public TrainingImage {
        if (nuclearMarker != null && (nuclearMarker.width() != width || nuclearMarker.height() != height)) {
            throw new IllegalArgumentException("the nuclear marker must be width x height");
        }
        for (float[] channel : channels) {
            if (channel.length != width * height) {
                throw new IllegalArgumentException("every channel must hold width*height values");
            }
        }
        if (scaled != null && (scaled.length != channels.length
                || java.util.Arrays.stream(scaled).anyMatch(c -> c.length != width * height))) {
            throw new IllegalArgumentException("the scaled planes must be as many as the channels, width*height each");
        }
        if (classes.length != width * height) {
            throw new IllegalArgumentException("classes must hold width*height values");
        }
    }

    public int pixels() {
        return width * height;
    }
}
