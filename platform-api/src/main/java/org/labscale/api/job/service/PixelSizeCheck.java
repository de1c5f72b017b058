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
 * every training image to have a pixel size ({@link TrainingPixelSize}); a SEGMENTATION job with a model trained at
 * a pixel size enlarges no image past {@link PixelSizeResampler#MAX_ENLARGED_PIXELS} (nor by a factor outside
 * 1/64 to 64). Images without a pixel size are used as they are.
 */
final class PixelSizeCheck {

    private PixelSizeCheck() {
    }

    /** @param images the training items' images, in item order (an image in several items, once per item) */
    static void training(TrainingPayload p, List<ImageEntity> images) {
        TrainingPixelSize.Choice choice = TrainingPixelSize.choose(p.pixelSizeUm(), images.stream()
                .map(i -> i.pixelSizeUm).toList());
        if (p.pixelSizeUm() != null && !choice.missing().isEmpty()) {
            ImageEntity first = images.get(choice.missing().get(0));
            int others = choice.missing().size() - 1;
            throw refusal(JobKind.TRAINING, "payload.pixelSizeUm", first, null, "pixelSizeUm " + p.pixelSizeUm()
                    + " resamples every training image to it, but image " + first.id + " (" + first.name + ")"
                    + (others > 0 ? " and " + others + " other(s) have" : " has") + " no pixel size; give them one"
                    + " (PATCH the image's pixelSizeUm) or leave pixelSizeUm out.");
        }
        for (int i = 0; i < images.size(); i++) {
            check(JobKind.TRAINING, "payload.pixelSizeUm", images.get(i), choice.factors().get(i),
                    choice.pixelSizeUm());
        }
    }

    /** @param modelCard the model version's card; nothing to check when it has no {@code pixelSizeUm} */
    static void segmentation(Map<String, Object> modelCard, List<ImageEntity> images) {
        Double modelSize = modelCard != null && modelCard.get("pixelSizeUm") instanceof Number n ? n.doubleValue()
                : null;
        if (modelSize == null) {
            return;
        }
        for (ImageEntity image : images) {
            if (image.pixelSizeUm != null && image.pixelSizeUm > 0) {
                check(JobKind.SEGMENTATION, "payload.imageIds", image,
                        PixelSizeResampler.factor(image.pixelSizeUm, modelSize), modelSize);
            }
        }
    }

    private static void check(JobKind kind, String field, ImageEntity image, double factor, Double target) {
        if (target == null || PixelSizeResampler.identity(factor)) {
            return;
        }
        PixelSizeResampler.refusal(image.width, image.height, factor).ifPresent(why -> {
            String whose = kind == JobKind.TRAINING ? "training's " : "model's ";
            throw refusal(kind, field, image, factor, "Image " + image.id + " (" + image.name + ", "
                    + image.pixelSizeUm + " um per pixel) cannot be brought to the " + whose + target + " um per"
                    + " pixel: " + why + ". " + (kind == JobKind.TRAINING
                    ? "Train at a coarser pixelSizeUm or on smaller images." : "Segment a smaller crop of it."));
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
