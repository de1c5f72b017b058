package org.labscale.api.job.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.labscale.api.common.ApiException;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.imaging.resample.PixelSizeResampler;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.SegmentationPayload;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingPixelSize;

/**
 * Submit-time check that a job's images can be brought to one pixel size (400 {@code job.invalid-payload} naming the
 * field, the image and the factor), so that a worker never fails on it: a TRAINING job's {@code pixelSizeUm} needs
 * every training item to have a pixel size frozen in its version ({@link TrainingPixelSize}); a SEGMENTATION job with a model trained at
 * a pixel size enlarges no image past {@link PixelSizeResampler#MAX_ENLARGED_PIXELS} (nor by a factor outside
 * 1/64 to 64), nor does the nuclear model of ACTIVE_CONTOURS or a TRACKING job's model. Images without a pixel size are
 * used as they are.
 */
final class PixelSizeCheck {

    private PixelSizeCheck() {
    }

    /**
     * @param images     the training items' images, in item order (an image in several items, once per item)
     * @param pixelSizes the items' pixel sizes as their versions froze them, in the same order
     */
    static void training(TrainingPayload p, List<ImageEntity> images, List<Double> pixelSizes) {
        TrainingPixelSize.Choice choice = TrainingPixelSize.choose(p.pixelSizeUm(), pixelSizes);
        if (p.pixelSizeUm() != null && !choice.missing().isEmpty()) {
            ImageEntity first = images.get(choice.missing().get(0));
            int others = choice.missing().size() - 1;
            throw refusal(JobKind.TRAINING, "payload.pixelSizeUm", first, null, "pixelSizeUm " + p.pixelSizeUm()
                    + " resamples every training image to it, but image " + first.id + " (" + first.name + ")"
                    + (others > 0 ? " and " + others + " other(s) have" : " has") + " no pixel size in the"
                    + " training-set version; give them one (PATCH the image's pixelSizeUm) and freeze a new"
                    + " version, or leave pixelSizeUm out.");
        }
        for (int i = 0; i < images.size(); i++) {
            check(JobKind.TRAINING, "payload.pixelSizeUm", images.get(i), pixelSizes.get(i),
                    choice.factors().get(i), choice.pixelSizeUm(), "training's ",
                    "Train at a coarser pixelSizeUm or on smaller images.");
        }
    }

    /** @param modelCard the model version's card; nothing to check when it has no {@code pixelSizeUm} */
    static void segmentation(Map<String, Object> modelCard, List<ImageEntity> images) {
        segmentation(modelCard, images, JobKind.SEGMENTATION, "payload.imageIds", "model's ");
    }

    /**
     * The same for any job that segments with a model ({@code whose}: "model's ", "nuclear model's "): the nuclear
     * model of ACTIVE_CONTOURS and a TRACKING job's model run at their own pixel sizes too.
     */
    static void segmentation(Map<String, Object> modelCard, List<ImageEntity> images, JobKind kind, String field,
                             String whose) {
        Double modelSize = modelCard != null && modelCard.get("pixelSizeUm") instanceof Number n ? n.doubleValue()
                : null;
        if (modelSize == null) {
            return;
        }
        for (ImageEntity image : images) {
            if (image.pixelSizeUm != null && image.pixelSizeUm > 0) {
                check(kind, field, image, image.pixelSizeUm, PixelSizeResampler.factor(image.pixelSizeUm, modelSize),
                        modelSize, whose, kind == JobKind.TRACKING ? "Track a smaller crop of the series."
                                : "Segment a smaller crop of it.");
            }
        }
    }

    private static void check(JobKind kind, String field, ImageEntity image, Double imageSize, double factor,
                              Double target, String whose, String remedy) {
        if (target == null || PixelSizeResampler.identity(factor)) {
            return;
        }
        PixelSizeResampler.refusal(image.width, image.height, factor).ifPresent(why -> {
            throw refusal(kind, field, image, factor, "Image " + image.id + " (" + image.name + ", "
                    + imageSize + " um per pixel) cannot be brought to the " + whose + target + " um per"
                    + " pixel: " + why + ". " + remedy);
        });
    }

    private static ApiException refusal(JobKind kind, String field, ImageEntity image, Double factor,
                                        String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", field);
        details.put("kind", kind.name());
        details.put("imageId", image.id.toString());
        if (factor != null) {
            details.put("scaleFactor", factor);
        }
        return new ApiException(400, "job.invalid-payload", message, details);
    }

    /** The images of the ids, in order (ids repeat when an image is in several items). */
    static List<ImageEntity> images(List<UUID> ids) {
        Map<UUID, ImageEntity> found = new LinkedHashMap<>();
        for (UUID id : ids) {
            found.computeIfAbsent(id, key -> ImageEntity.findById(key));
        }
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    /** The segmentation payload's model card, for {@link #segmentation}. */
    static Map<String, Object> card(UUID labId, SegmentationPayload p) {
        return SegmentationModelCheck.version(labId, p.modelId(), p.modelVersion(), "model", "payload.modelId").card;
    }
}
