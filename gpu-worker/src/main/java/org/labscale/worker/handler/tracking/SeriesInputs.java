package org.labscale.worker.handler.tracking;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.labscale.imaging.ImageRejectedException;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.job.TrackingPayload;
import org.labscale.worker.cache.ContentCache;
import org.labscale.worker.handler.JobContext;
import org.labscale.worker.handler.JobFailedException;
import org.labscale.worker.handler.segmentation.EnsembleInputs;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The series of a TRACKING (or TRACKING_FRAMES) lease: its images from the lease's context, their files checked
 * against their hashes, and the failures that name what went wrong (a deleted or altered series, a frame that could
 * not be segmented). None of these is retried: the same inputs would fail the same way.
 */
final class SeriesInputs {

    private SeriesInputs() {
    }

    /** The series' images from the lease's context, in frame order; fails the job when one was deleted. */
    static List<ImageDto> images(ObjectMapper json, JobContext ctx, TrackingPayload p) throws JobFailedException {
        List<Object> raw = new ArrayList<>();
        if (p.perFrameImages()) {
            Object listed = ctx.context().get("images");
            if (!(listed instanceof List<?> list) || list.size() != p.imageIds().size()) {
                throw deleted();
            }
            raw.addAll(list);
        } else {
            raw.add(ctx.context().get("image"));
        }
        List<ImageDto> images = new ArrayList<>();
        for (Object image : raw) {
            if (image == null) {
                throw deleted();
            }
            images.add(json.convertValue(image, ImageDto.class));
        }
        return images;
    }

    /** Frame t's image's pixel size (null: unknown): its own image's in a per-frame series, else the series'. */
    static IntFunction<Double> pixelSizes(List<ImageDto> images) {
        return t -> images.get(images.size() == 1 ? 0 : t).pixelSizeUm();
    }

    /** The series' files, in frame order (one for a multi-page series). */
    static List<Path> files(JobContext ctx, List<ImageDto> images) throws Exception {
        List<Path> files = new ArrayList<>();
        for (ImageDto image : images) {
            files.add(file(ctx, image));
        }
        return files;
    }

    /** The series' frames, read one at a time. */
    static SeriesFrames open(TrackingPayload p, List<Path> files) throws IOException, ImageRejectedException {
        return p.perFrameImages() ? SeriesFrames.perFrame(files) : SeriesFrames.multiPage(files.get(0));
    }

    /** A file of the series, checked against its hash; fails the job when it is gone or altered. */
    private static Path file(JobContext ctx, ImageDto image) throws Exception {
        String name = "image/" + image.id();
        try {
            return ctx.input(name, EnsembleInputs.hash(ctx, name, image.sha256()));
        } catch (ContentCache.IntegrityException e) {
            throw new JobFailedException("tracking.image-changed", "The stored series no longer matches the one"
                    + " uploaded (its SHA-256 differs), so it was not used: " + e.getMessage(), false);
        } catch (IOException e) {
            if (EnsembleInputs.isGone(e)) {
                throw deleted();
            }
            throw e; // the store did not answer: the job is retried
        }
    }

    /** Frame {@code t} (from 0) of {@code total} (0: unknown, the series could not be opened) failed. */
    static JobFailedException frameFailed(String code, int t, int total, String reason) {
        String where = total == 0 ? "The series" : "Frame " + (t + 1) + " of " + total;
        return new JobFailedException(code, where + " could not be segmented, so no track was made: " + reason,
                false);
    }

    static JobFailedException deleted() {
        return new JobFailedException("tracking.image-deleted", "The series was deleted after the job was"
                + " submitted.", false);
    }
}
