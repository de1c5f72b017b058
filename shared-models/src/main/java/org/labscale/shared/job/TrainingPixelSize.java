package org.labscale.shared.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The pixel size a TRAINING job brings its images to, the rule the API checks at submit and the worker applies: when
 * every training image has a pixel size, the payload's {@link TrainingPayload#pixelSizeUm()} or else the finest of
 * them, and each image is resampled by its own size over it; when some have none, no resampling and no pixel size
 * (as before pixel sizes were used), with a warning for the model card when only some have one. A requested size
 * with images that have none cannot be honoured ({@link Choice#missing()}: the API refuses it, 400).
 */
public final class TrainingPixelSize {

    private TrainingPixelSize() {
    }

    /**
     * @param pixelSizeUm the pixel size trained at; null: none (images as they are)
     * @param factors     per image, in order, how much larger (in pixels) it becomes: its pixel size over
     *                    {@code pixelSizeUm} (1 without one)
     * @param missing     indices of the images without a pixel size
     * @param warning     for the card when some images have a pixel size and others not; null otherwise
     */
    public record Choice(Double pixelSizeUm, List<Double> factors, List<Integer> missing, String warning) {
    }

    /**
     * @param requested  the payload's {@code pixelSizeUm}, or null
     * @param imageSizes each training image's pixel size in micrometres (null: unknown)
     */
    public static Choice choose(Double requested, List<Double> imageSizes) {
        List<Integer> missing = new ArrayList<>();
        Double finest = null;
        for (int i = 0; i < imageSizes.size(); i++) {
            Double size = imageSizes.get(i);
            if (size == null || !(size > 0) || size.isInfinite()) {
                missing.add(i);
            } else if (finest == null || size < finest) {
                finest = size;
            }
        }
        List<Double> ones = Collections.nCopies(imageSizes.size(), 1.0);
        if (!missing.isEmpty() || imageSizes.isEmpty()) {
            String warning = missing.size() == imageSizes.size() ? null : missing.size() + " of " + imageSizes.size()
                    + " training images have no pixel size, so no image was resampled and the model has no pixel"
                    + " size: its segmentation jobs use every image as it is, whatever its magnification. Give every"
                    + " image its pixel size to train at one.";
            return new Choice(null, ones, List.copyOf(missing), warning);
        }
        double target = requested != null ? requested : finest;
        List<Double> factors = imageSizes.stream().map(size -> Objects.requireNonNull(size) / target).toList();
        return new Choice(target, factors, List.of(), null);
    }
}
