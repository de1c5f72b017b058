package org.labscale.api.image.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.labscale.api.common.ApiException;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.io.ImageLimits;
import org.labscale.imaging.preview.PreviewSpec;
import org.labscale.imaging.preview.ValidateAndPreview;
import org.labscale.shared.image.PageMode;

/**
 * The {@code imaging} module seen from the API: full validation and preview rendering of a file on local disk, in one
 * decoding pass, with rejections turned into {@link ApiException}s ({@link Rejections}). Memory is bounded by the
 * module's decode budget, whatever the file size; processing time and PNG size by {@code labscale.upload.*}
 * ({@link #limits()}).
 */
@ApplicationScoped
public class Imaging {

    @Inject
    LabscaleConfig config;

    private ImageLimits limits;
    private ValidateAndPreview pass;

    @PostConstruct
    void init() {
        limits = ImageLimits.DEFAULTS
                .withMaxDecodeTime(config.upload().maxDecodeTime())
                .withMaxPngPixels(config.upload().maxPngPixels());
        pass = new ValidateAndPreview(limits);
    }

    /** The limits every decoded upload (images and annotations) is held to: the module's defaults and our config. */
    public ImageLimits limits() {
        return limits;
    }

    /**
     * What an upload needs from its pixels.
     *
     * @param info      the header's description, confirmed by decoding every pixel
     * @param preview   {@link PreviewSpec#PREVIEW} PNG of the first frame
     * @param thumbnail {@link PreviewSpec#THUMBNAIL} PNG of the first frame
     */
    public record Decoded(ImageInfo info, byte[] preview, byte[] thumbnail) {
    }

    /**
     * Probes the header, decodes every pixel once and renders the preview and thumbnail of the first frame in that
     * same pass (see {@link ValidateAndPreview} for how channels are coloured and why one pass).
     */
    public Decoded validateAndRender(Path file, PageMode mode, String what) {
        try {
            ValidateAndPreview.Result result =
                    pass.run(file, toImaging(mode), 0, PreviewSpec.PREVIEW, PreviewSpec.THUMBNAIL);
            return new Decoded(result.info(), result.png(PreviewSpec.PREVIEW), result.png(PreviewSpec.THUMBNAIL));
        } catch (ImageRejectedException e) {
            throw Rejections.toApi(e, what);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the uploaded file " + what + " failed", e);
        }
    }

    static org.labscale.imaging.PageMode toImaging(PageMode mode) {
        return org.labscale.imaging.PageMode.valueOf(mode.name());
    }
}
