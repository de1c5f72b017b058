package org.labscale.api.image.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.labscale.api.common.ApiException;
import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.io.ImageValidator;
import org.labscale.imaging.preview.PreviewRenderer;
import org.labscale.imaging.preview.PreviewSpec;
import org.labscale.shared.image.PageMode;

/**
 * The {@code imaging} module seen from the API: full validation and preview rendering of a file on local disk, with
 * rejections turned into {@link ApiException}s ({@link Rejections}). Memory is bounded by the module's decode budget,
 * whatever the file size.
 */
@ApplicationScoped
public class Imaging {

    private final ImageValidator validator = new ImageValidator();
    private final PreviewRenderer renderer = new PreviewRenderer();

    /** Probes the header and decodes every pixel once. */
    public ImageInfo validate(Path file, PageMode mode, String what) {
        try {
            return validator.validate(file, toImaging(mode));
        } catch (ImageRejectedException e) {
            throw Rejections.toApi(e, what);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the uploaded file " + what + " failed", e);
        }
    }

    /** An 8-bit PNG of the first frame (see {@link PreviewRenderer} for how channels are coloured). */
    public byte[] render(Path file, PageMode mode, PreviewSpec spec, String what) {
        try {
            return renderer.render(file, toImaging(mode), 0, spec);
        } catch (ImageRejectedException e) {
            throw Rejections.toApi(e, what);
        } catch (IOException e) {
            throw new UncheckedIOException("rendering a preview of " + what + " failed", e);
        }
    }

    static org.labscale.imaging.PageMode toImaging(PageMode mode) {
        return org.labscale.imaging.PageMode.valueOf(mode.name());
    }
}
