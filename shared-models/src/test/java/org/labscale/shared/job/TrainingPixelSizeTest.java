package org.labscale.shared.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class TrainingPixelSizeTest {

    @Test
    void shouldTrainAtTheFinestPixelSizeWhenEveryImageHasOne() {
        TrainingPixelSize.Choice c = TrainingPixelSize.choose(null, List.of(0.26, 0.13, 0.13));
        assertEquals(0.13, c.pixelSizeUm());
        assertEquals(List.of(2.0, 1.0, 1.0), c.factors());
        assertTrue(c.missing().isEmpty());
        assertNull(c.warning());
    }

    @Test
    void shouldTrainAtTheRequestedPixelSize() {
        TrainingPixelSize.Choice c = TrainingPixelSize.choose(0.52, List.of(0.26, 0.13));
        assertEquals(0.52, c.pixelSizeUm());
        assertEquals(List.of(0.5, 0.25), c.factors());
    }

    @Test
    void shouldNotResampleAndWarnWhenOnlySomeImagesHaveAPixelSize() {
        TrainingPixelSize.Choice c = TrainingPixelSize.choose(null, Arrays.asList(0.26, null, 0.13));
        assertNull(c.pixelSizeUm());
        assertEquals(List.of(1.0, 1.0, 1.0), c.factors());
        assertEquals(List.of(1), c.missing());
        assertTrue(c.warning().startsWith("1 of 3 training images have no pixel size"), c.warning());
    }

    @Test
    void shouldStayQuietWhenNoImageHasAPixelSize() {
        TrainingPixelSize.Choice c = TrainingPixelSize.choose(null, Arrays.asList(null, null));
        assertNull(c.pixelSizeUm());
        assertEquals(List.of(0, 1), c.missing());
        assertNull(c.warning());
    }

    @Test
    void shouldNameTheImagesARequestedSizeCannotReach() {
        assertEquals(List.of(0), TrainingPixelSize.choose(0.1, Arrays.asList(null, 0.2)).missing());
    }
}
