package org.labscale.api.image.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.labscale.api.common.ApiException;
import org.labscale.api.common.MultipartUpload;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.io.ChannelStack;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.image.PageMode;

/**
 * An image uploaded as one file per channel (as many microscopes write them: e.g. a phase-contrast file and a nuclear
 * file): the files, in the body's order, become the channels of one image. They are stacked into a multi-page TIFF
 * ({@link ChannelStack}; each file one grey plane, all of one size and sample type) which then goes through the
 * ordinary upload ({@link ImageIngest}), so the image is like one uploaded as a multi-channel TIFF. The upload limit
 * holds for the files together; channel names, when given, name the files in order.
 */
@ApplicationScoped
public class ChannelFiles {

    /** Most channel files in one upload. */
    public static final int MAX_FILES = 16;

    @Inject
    ImageIngest ingest;

    @Inject
    Imaging imaging;

    @Inject
    LabscaleConfig config;

    /** Stacks {@code files} (2 or more) and registers the result as one image of {@code projectId}. */
    public ImageDto ingest(UUID projectId, List<MultipartUpload.FilePart> files, ImageMetadata metadata) {
        long total = files.stream().mapToLong(MultipartUpload.FilePart::size).sum();
        long max = config.upload().maxBytes();
        if (total > max) {
            throw Rejections.tooLarge(total, max);
        }
        if (metadata.pageMode() != PageMode.CHANNELS) {
            throw ApiException.invalidField("pageMode", "Several files in one upload are the channels of one image;"
                    + " pageMode must be CHANNELS (or absent), not " + metadata.pageMode() + ". Upload the frames of a"
                    + " time series one file each and name them in the job, or as one multi-page TIFF.");
        }
        ImageMetadata.checkChannelCount(metadata.channelNames(), files.size());
        List<ChannelStack.Source> sources = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            MultipartUpload.FilePart part = files.get(i);
            sources.add(new ChannelStack.Source(part.file(), part.name() == null ? "file " + (i + 1) : part.name()));
        }
        Path stack = null;
        try {
            stack = Files.createTempFile("labscale-channels-", ".tif");
            try {
                ChannelStack.write(sources, stack, imaging.limits());
            } catch (ImageRejectedException e) {
                throw Rejections.toApi(e, sources.stream().map(ChannelStack.Source::name).toList().toString());
            }
            return ingest.ingest(projectId, stack, stackName(files.get(0).name()), metadata,
                    new ImageIngest.Origin.Received());
        } catch (IOException e) {
            throw new UncheckedIOException("stacking the channel files failed", e);
        } finally {
            if (stack != null) {
                try {
                    Files.deleteIfExists(stack);
                } catch (IOException e) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /** The image's default name: the first file's name (the stack is a TIFF, whatever the files were). */
    static String stackName(String first) {
        return first == null ? "channels.tif" : first;
    }
}
