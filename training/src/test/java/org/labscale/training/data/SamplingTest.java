package org.labscale.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.labscale.training.TrainingException;

class SamplingTest {

    private static final List<String> CLASSES = List.of("background", "boundary", "interior");

    /** 10x10 image: 70 background, 20 boundary, 10 interior pixels. */
    private static TrainingImage image(String name) {
        byte[] classes = new byte[100];
        for (int i = 70; i < 90; i++) {
            classes[i] = 1;
        }
        for (int i = 90; i < 100; i++) {
            classes[i] = 2;
        }
        return new TrainingImage(name, 10, 10, new float[][] {new float[100]}, classes);
    }

    @Test
    void balancedEpochsDownSampleEveryClassToTheRarest() throws TrainingException {
        PixelSplit split = PixelSplit.of(List.of(image("a")), CLASSES, 0.1, 3);
        assertTrue(!split.byImage());
        int rarest = split.train()[2].length;
        EpochSampler sampler = new EpochSampler(split, true, 1_000_000);
        PatchExtractor patches = new PatchExtractor(List.of(image("a")), 3);
        int size = sampler.startEpoch(new SplittableRandom(1));
        assertEquals(3 * rarest, size);
        int[] perClass = new int[3];
        Set<Integer> distinct = new HashSet<>();
        for (int j = 0; j < size; j++) {
            perClass[patches.classOf(sampler.sample(j))]++;
            distinct.add(sampler.sample(j));
        }
        assertEquals(List.of(rarest, rarest, rarest), List.of(perClass[0], perClass[1], perClass[2]));
        assertEquals(size, distinct.size(), "down-sampling draws without replacement");
        assertEquals(30, new EpochSampler(split, true, 30).startEpoch(new SplittableRandom(1)));
    }

    @Test
    void unbalancedEpochsFollowTheClassFrequencies() throws TrainingException {
        PixelSplit split = PixelSplit.of(List.of(image("a")), CLASSES, 0.1, 3);
        EpochSampler sampler = new EpochSampler(split, false, 1_000_000);
        int total = split.train()[0].length + split.train()[1].length + split.train()[2].length;
        assertEquals(total, sampler.startEpoch(new SplittableRandom(1)));
    }

    @Test
    void holdsOutWholeImagesWhenThereAreSeveral() throws TrainingException {
        List<TrainingImage> images = List.of(image("a"), image("b"), image("c"));
        PixelSplit split = PixelSplit.of(images, CLASSES, 0.1, 3);
        assertTrue(split.byImage());
        assertEquals(List.of(140, 40, 20), List.of(split.train()[0].length, split.train()[1].length,
                split.train()[2].length));
        assertEquals(70, split.validation()[0].length);
        int heldImage = split.validation()[0][0] / 100;
        for (int[] ids : split.validation()) {
            for (int id : ids) {
                assertEquals(heldImage, id / 100);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSplit() throws TrainingException {
        PixelSplit a = PixelSplit.of(List.of(image("a")), CLASSES, 0.2, 9);
        PixelSplit b = PixelSplit.of(List.of(image("a")), CLASSES, 0.2, 9);
        assertEquals(java.util.Arrays.deepToString(a.validation()), java.util.Arrays.deepToString(b.validation()));
    }

    @Test
    void namesAClassWithoutPixels() {
        TrainingException e = assertThrows(TrainingException.class, () -> PixelSplit.of(List.of(image("a")),
                List.of("background", "boundary", "interior", "interior:MCF10A"), 0.1, 1));
        assertEquals("training.class-without-pixels", e.code());
        assertTrue(e.getMessage().contains("\"interior:MCF10A\" (class-map value 3)"), e.getMessage());
    }

    @Test
    void holdsOutTheChosenImagesWhole() throws TrainingException {
        List<TrainingImage> images = List.of(image("a"), image("b"), image("c"));
        PixelSplit split = PixelSplit.of(images, CLASSES, 0.1, 3, java.util.Set.of("c", "a"));
        assertTrue(split.byImage());
        assertTrue(split.heldOut(0) && !split.heldOut(1) && split.heldOut(2));
        TrainingException unknown = assertThrows(TrainingException.class,
                () -> PixelSplit.of(images, CLASSES, 0.1, 3, java.util.Set.of("z")));
        assertTrue(unknown.getMessage().contains("[z], not images of the training sets"), unknown.getMessage());
        TrainingException all = assertThrows(TrainingException.class,
                () -> PixelSplit.of(images, CLASSES, 0.1, 3, java.util.Set.of("a", "b", "c")));
        assertTrue(all.getMessage().contains("leaving none to train on"), all.getMessage());
    }
}
