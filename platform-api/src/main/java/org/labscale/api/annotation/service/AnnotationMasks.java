package org.labscale.api.annotation.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.labscale.api.image.service.Imaging;
import org.labscale.api.image.service.Rejections;
import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageProbe;
import org.labscale.imaging.labels.BoundaryInteriorMap;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageEncoder;
import org.labscale.imaging.labels.LabelImageReader;
import org.labscale.imaging.labels.LabelKind;
import org.labscale.imaging.labels.LabelSummary;
import org.labscale.imaging.labels.LabelValidator;
import org.labscale.shared.annotation.AnnotationKind;

/**
 * The {@code imaging} module's label handling seen from the API: reads and validates an annotation file against its
 * image's size and declared kind, and derives the class map training uses (Van Valen et al. 2016: 0 background,
 * 1 boundary, 2.. interior; boundary over the 8-neighbourhood; binary masks split into connected components first).
 */
@ApplicationScoped
public class AnnotationMasks {

    @Inject
    Imaging imaging;

    private final LabelValidator validator = new LabelValidator();

    /**
     * @param summary  counts for the version row
     * @param classMap the derived class map as an 8-bit grayscale PNG
     */
    public record Reading(LabelSummary summary, byte[] classMap) {
    }

    /**
     * Validates {@code file} as a {@code kind} annotation of an image of {@code width x height}. The size is checked
     * from the header before any pixel is decoded, so a huge wrong file costs nothing.
     */
    public Reading read(Path file, AnnotationKind kind, int width, int height, String what) {
        try {
            ImageInfo header = new ImageProbe(imaging.limits()).probe(file, PageMode.CHANNELS);
            LabelValidator.checkSize(header.width(), header.height(), width, height);
            LabelImage labels = new LabelImageReader(imaging.limits()).read(file);
            LabelKind labelKind = LabelKind.valueOf(kind.name());
            LabelSummary summary = validator.validate(labels, labelKind, width, height);
            return new Reading(summary, LabelImageEncoder.classMapPng(BoundaryInteriorMap.classMap(labels, labelKind)));
        } catch (ImageRejectedException e) {
            throw Rejections.toApi(e, what);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the annotation " + what + " failed", e);
        }
    }
}
