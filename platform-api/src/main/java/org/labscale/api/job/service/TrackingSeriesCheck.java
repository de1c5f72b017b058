package org.labscale.api.job.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.labscale.api.common.ApiException;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.KtrOptions;
import org.labscale.shared.job.TrackingPayload;

/**
 * The series of a TRACKING payload checked against the lab's images: a multi-page image ({@code imageId}) with two
 * frames or more, or one single-frame image per frame ({@code imageIds}) all of the same size and channel count; and
 * the reporter channel of a KTR read-out present in it, and its cytoplasm model's channels ({@link KtrCytoplasmCheck}).
 * An image of another lab reads as missing (404, as the
 * {@code not-found} of any resource); everything else is a 400 {@code job.invalid-payload} naming the field.
 */
final class TrackingSeriesCheck {

    private TrackingSeriesCheck() {
    }

    /** @param p with its defaults filled in and internally valid */
    static void check(UUID labId, TrackingPayload p) {
        List<ImageEntity> frames = p.perFrameImages() ? listed(labId, p.imageIds()) : List.of(multiPage(labId, p));
        if (p.ktr() != null) {
            checkReporter(frames.get(0), p.ktr());
            KtrCytoplasmCheck.check(labId, p.ktr(), frames.get(0).channels);
        }
    }

    private static ImageEntity multiPage(UUID labId, TrackingPayload p) {
        ImageEntity image = ImageEntity.<ImageEntity>find("labId = ?1 and id = ?2", labId, p.imageId())
                .firstResultOptional()
                .orElseThrow(() -> missing(p.imageId(), "payload.imageId", null));
        if (image.frames < 2) {
            throw invalid("payload.imageId", "Image " + image.id + " ('" + image.name + "') has " + image.frames
                    + " frame(s); tracking needs a time series of 2 or more. Upload the series as a multi-page TIFF"
                    + " with pageMode FRAMES, or list one image per frame as imageIds.");
        }
        return image;
    }

    /** The listed frames in order: each in the lab, single-frame, and alike in size and channels. */
    private static List<ImageEntity> listed(UUID labId, List<UUID> ids) {
        Map<UUID, ImageEntity> found = new HashMap<>();
        ImageEntity.<ImageEntity>find("labId = ?1 and id in ?2", labId, ids).list()
                .forEach(image -> found.put(image.id, image));
        List<ImageEntity> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            ImageEntity image = found.get(ids.get(i));
            if (image == null) {
                throw missing(ids.get(i), "payload.imageIds", i);
            }
            if (image.frames != 1) {
                throw invalid("payload.imageIds", "imageIds[" + i + "] ('" + image.name + "') has " + image.frames
                        + " frames; each listed image must be one frame of the series.");
            }
            ImageEntity first = out.isEmpty() ? image : out.get(0);
            if (image.width != first.width || image.height != first.height) {
                throw invalid("payload.imageIds", "imageIds[" + i + "] ('" + image.name + "') is " + image.width
                        + "x" + image.height + " pixels but the first frame ('" + first.name + "') is "
                        + first.width + "x" + first.height + "; every frame of a series must have the same size.");
            }
            if (image.channels != first.channels) {
                throw invalid("payload.imageIds", "imageIds[" + i + "] ('" + image.name + "') has "
                        + image.channels + " channel(s) but the first frame ('" + first.name + "') has "
                        + first.channels + "; every frame of a series must have the same channels.");
            }
            out.add(image);
        }
        return out;
    }

    private static void checkReporter(ImageEntity image, KtrOptions ktr) {
        List<String> names = image.channelNames == null ? List.of() : Arrays.asList(image.channelNames);
        if (ktr.channelIndex() != null && ktr.channelIndex() >= image.channels) {
            throw invalid("payload.ktr.channelIndex", "ktr.channelIndex " + ktr.channelIndex() + " is not a channel"
                    + " of the series: it has " + image.channels + " channel(s), indexed from 0.");
        }
        if (ktr.channel() != null && !names.contains(ktr.channel())) {
            throw invalid("payload.ktr.channel", "ktr.channel '" + ktr.channel() + "' is not a channel of the"
                    + " series; its channels are " + names + ".");
        }
    }

    private static ApiException missing(UUID id, String field, Integer item) {
        Map<String, Object> details = new HashMap<>(Map.of("resource", "image", "id", id.toString(), "field", field));
        if (item != null) {
            details.put("item", item);
        }
        return new ApiException(404, "not-found", "No image with id " + id + " exists, or you cannot see it.",
                details);
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(400, "job.invalid-payload", message, Map.of("field", field, "kind",
                JobKind.TRACKING.name()));
    }
}
