package org.labscale.api.job.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.labscale.api.annotation.persistence.AnnotationVersionEntity;
import org.labscale.api.sharing.service.TrainingSetSharing;
import org.labscale.api.trainingset.persistence.TrainingSetItemEntity;
import org.labscale.api.trainingset.persistence.TrainingSetVersionEntity;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingPixelSize;
import org.labscale.shared.job.TrainingSetRef;

/**
 * The images a training job learns from, in the order the worker loads them (training sets in payload order, items
 * by position), with what the API knows of their annotations: enough to predict and check the validation split
 * without reading a pixel.
 *
 * @param items one per training item, in order
 */
public record HeldOutImages(List<Item> items) {

    /**
     * @param classPixels annotated pixels per class value (from the annotation version; at the training's pixel size
     *                    after {@link #atTrainingScale})
     * @param cells       cells (objects) of the annotation version
     * @param pixelSizeUm the image's pixel size as the item's version froze it; null: unknown
     */
    public record Item(UUID imageId, long[] classPixels, long cells, Double pixelSizeUm) {
    }

    /**
     * The items as the training will see them once it has resampled them to its pixel size
     * ({@link TrainingPixelSize}, the worker's rule): every item's annotated pixels times the square of its factor
     * (an estimate: a resampled boundary stays one pixel wide, so it grows less than the interior).
     */
    public HeldOutImages atTrainingScale(Double requestedPixelSizeUm) {
        TrainingPixelSize.Choice choice = TrainingPixelSize.choose(requestedPixelSizeUm, items.stream()
                .map(Item::pixelSizeUm).toList());
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            double area = choice.factors().get(i) * choice.factors().get(i);
            long[] pixels = new long[item.classPixels().length];
            for (int k = 0; k < pixels.length; k++) {
                pixels[k] = Math.round(item.classPixels()[k] * area);
            }
            out.add(new Item(item.imageId(), pixels, item.cells(), item.pixelSizeUm()));
        }
        return new HeldOutImages(List.copyOf(out));
    }

    /** The annotated pixels of the items (all classes), of those {@code which} says. */
    public long annotatedPixels(java.util.function.IntPredicate which) {
        long total = 0;
        for (int i = 0; i < items.size(); i++) {
            if (which.test(i)) {
                total += java.util.Arrays.stream(items.get(i).classPixels()).sum();
            }
        }
        return total;
    }

    /** The payload's items; training-set versions the lab may not use are skipped (checked elsewhere). */
    public static HeldOutImages of(UUID labId, TrainingPayload p) {
        List<Item> items = new ArrayList<>();
        for (TrainingSetRef ref : p.trainingSets()) {
            TrainingSetVersionEntity v = TrainingSetSharing.usableBy(labId, ref.trainingSetId(), ref.version())
                    .orElse(null);
            if (v == null) {
                continue;
            }
            for (TrainingSetItemEntity item : TrainingSetItemEntity.<TrainingSetItemEntity>list(
                    "trainingSetVersionId = ?1 order by position", v.id)) {
                AnnotationVersionEntity a = AnnotationVersionEntity.findById(item.annotationVersionId);
                long[] pixels = new long[a == null || a.classPixelCounts == null ? 0 : a.classPixelCounts.length];
                for (int k = 0; k < pixels.length; k++) {
                    pixels[k] = a.classPixelCounts[k] == null ? 0 : a.classPixelCounts[k];
                }
                items.add(new Item(item.imageId, pixels, a == null ? 0 : a.cellCount, item.pixelSizeUm));
            }
        }
        return new HeldOutImages(List.copyOf(items));
    }

    /**
     * The first class (index) without annotated pixels on the training side (false) or the validation side (true)
     * of this split, or -1 when every class has pixels on both sides.
     */
    public int classMissing(boolean[] heldOut, int classes, boolean[] side) {
        for (int k = 0; k < classes; k++) {
            long train = 0;
            long validation = 0;
            for (int i = 0; i < items.size(); i++) {
                long n = k < items.get(i).classPixels().length ? items.get(i).classPixels()[k] : 0;
                if (heldOut[i]) {
                    validation += n;
                } else {
                    train += n;
                }
            }
            if (train == 0 || validation == 0) {
                side[0] = validation == 0;
                return k;
            }
        }
        return -1;
    }
}
