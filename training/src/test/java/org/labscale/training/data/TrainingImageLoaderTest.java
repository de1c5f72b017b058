package org.labscale.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.BoundaryInteriorMap;
import org.labscale.imaging.labels.Connectivity;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageEncoder;
import org.labscale.imaging.labels.LabelKind;
import org.labscale.imaging.resample.PixelSizeResampler;
import org.labscale.shared.net.Normalization;
import org.labscale.training.TrainingException;

/**
 * The loader keeps the nuclear channel's raw plane beside the normalised channels when it is told which one, and
 * resamples an annotated image to the training's pixel size.
 */
class TrainingImageLoaderTest {

    private static final int SIDE = 20;

    @Test
    void keepsTheRawNuclearPlaneWhenNamed() throws TrainingException {
        FloatPlane phase = plane(100);
        FloatPlane nuclear = plane(33_000);
        LabelImage classes = LabelImage.of(SIDE, SIDE, new int[SIDE * SIDE]);

        TrainingImage image = new TrainingImageLoader(15, 3, Normalization.standard(15), 1)
                .fromPlanes("two.tif", List.of(phase, nuclear), classes);
        assertArrayEquals(nuclear.pixels(), image.nuclearMarker().pixels(), "raw intensities, not normalised");
        assertNotEquals(nuclear.pixels()[0], image.channels()[1][0], "the net's channel is normalised");
        assertEquals(2, image.channels().length);

        assertNull(new TrainingImageLoader(15, 3, Normalization.standard(15)).fromPlanes("two.tif",
                List.of(phase, nuclear), classes).nuclearMarker(), "none unless named");
    }

    @Test
    void makesTheClassMapOfAResampledMaskAtTheNewSizeWithOnePixelBoundaries(@TempDir Path dir) throws Exception {
        int[][] rows = new int[10][10];
        for (int y = 2; y < 8; y++) {
            for (int x = 1; x < 9; x++) {
                rows[y][x] = x < 5 ? 1 : 2; // two touching cells
            }
        }
        LabelImage mask = LabelImage.ofRows(rows);
        BufferedImage gray = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                gray.getRaster().setSample(x, y, 0, rows[y][x] == 0 ? 10 : 200);
            }
        }
        Path image = dir.resolve("image.png");
        ImageIO.write(gray, "png", image.toFile());
        Path maskFile = Files.write(dir.resolve("mask.png"), LabelImageEncoder.labelsPng16(mask));
        LabelImage thick = PixelSizeResampler.labels(BoundaryInteriorMap.classMap(mask, LabelKind.INSTANCE_MASK),
                20, 20);
        Path classMapFile = Files.write(dir.resolve("classes.png"), LabelImageEncoder.classMapPng(
                BoundaryInteriorMap.classMap(mask, LabelKind.INSTANCE_MASK)));
        TrainingImageLoader loader = new TrainingImageLoader(5, 3, Normalization.standard(5));

        TrainingImage fromMask = loader.load("cells", image, List.of(0), maskFile, LabelKind.INSTANCE_MASK, 2);
        assertEquals(20, fromMask.width());
        LabelImage expected = BoundaryInteriorMap.fromInstances(PixelSizeResampler.labels(mask, 20, 20),
                Connectivity.EIGHT);
        assertArrayEquals(bytes(expected), fromMask.classes(), "cells enlarged, then one-pixel boundaries");
        TrainingImage fromClassMap = loader.load("cells", image, List.of(0), classMapFile, LabelKind.CLASS_MAP, 2);
        assertArrayEquals(bytes(thick), fromClassMap.classes(), "a class map is enlarged as it is");
        assertTrue(count(fromMask.classes(), 1) < count(fromClassMap.classes(), 1),
                "thinner boundaries than an enlarged class map's");
        TrainingImage asItIs = loader.load("cells", image, List.of(0), maskFile, LabelKind.INSTANCE_MASK, 1);
        assertArrayEquals(bytes(BoundaryInteriorMap.classMap(mask, LabelKind.INSTANCE_MASK)), asItIs.classes());
    }

    private static byte[] bytes(LabelImage labels) {
        int[] values = labels.toArray();
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static int count(byte[] classes, int value) {
        int n = 0;
        for (byte c : classes) {
            n += c == value ? 1 : 0;
        }
        return n;
    }

    /** A ramp from {@code base} upward, so normalisation changes every value. */
    private static FloatPlane plane(float base) {
        float[] pixels = new float[SIDE * SIDE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = base + i;
        }
        return new FloatPlane(SIDE, SIDE, pixels);
    }
}
