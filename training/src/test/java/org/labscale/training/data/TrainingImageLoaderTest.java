package org.labscale.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.shared.net.Normalization;
import org.labscale.training.TrainingException;

/** The loader keeps the nuclear channel's raw plane beside the normalised channels when it is told which one. */
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

    /** A ramp from {@code base} upward, so normalisation changes every value. */
    private static FloatPlane plane(float base) {
        float[] pixels = new float[SIDE * SIDE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = base + i;
        }
        return new FloatPlane(SIDE, SIDE, pixels);
    }
}
