package org.labscale.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.labscale.convnet.normalize.LocalMeanNormalizer;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.shared.net.Normalization;

class ContextMixerTest {

    private static final int RF = 9;
    private static final int WINDOW = 7;
    private static final int W = 40;
    private static final int H = 36;
    private static final int REACH = RF / 2 + WINDOW / 2;
    private static final TrainingImageLoader LOADER = new TrainingImageLoader(RF, 3,
            new Normalization(Normalization.MEDIAN_LOCAL_MEAN, WINDOW), -1, true);

    /** Two channels of random values around {@code level} (so the two images scale differently), classes 0..2. */
    private static TrainingImage image(String name, long seed, float level) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = new float[W * H];
        float[] b = new float[W * H];
        int[] classes = new int[W * H];
        for (int i = 0; i < a.length; i++) {
            a[i] = level + 40 * random.nextFloat() + (i % W);
            b[i] = 2 * level + 100 * random.nextFloat();
            classes[i] = i % 3;
        }
        return LOADER.fromPlanes(name, List.of(new FloatPlane(W, H, a), new FloatPlane(W, H, b)),
                LabelImage.of(W, H, classes));
    }

    /**
     * The image made of {@code own} around {@code (cx, cy)} and {@code other} around {@code (px, py)} beyond the
     * seam, each part from its image's scaled planes, normalised whole as one image: what a mixed patch must equal.
     */
    private static TrainingImage composite(TrainingImage own, int cx, int cy, TrainingImage other, int px, int py,
                                           ContextMixer.Seam seam) {
        LocalMeanNormalizer normalizer = new LocalMeanNormalizer(WINDOW);
        float[][] channels = new float[2][];
        for (int c = 0; c < 2; c++) {
            float[] v = new float[W * H];
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    int u = x - cx;
                    int t = y - cy;
                    boolean near = Math.abs(u) <= REACH && Math.abs(t) <= REACH; // all the patch's normalisation sees
                    boolean lent = near && u * Math.cos(seam.angle()) + t * Math.sin(seam.angle()) > seam.distance();
                    v[y * W + x] = lent ? other.scaled()[c][(py + t) * W + px + u] : own.scaled()[c][y * W + x];
                }
            }
            channels[c] = normalizer.normalize(v, W, H, 1f);
        }
        return new TrainingImage("composite", W, H, channels, own.classes());
    }

    @Test
    void aMixedPatchIsThePatchOfTheTwoImagesJoinedAlongTheSeamAndNormalisedWhole() throws Exception {
        TrainingImage a = image("a", 1, 100);
        TrainingImage b = image("b", 2, 300);
        ContextMixer mixer = new ContextMixer(List.of(a, b), new int[] {0, 1}, RF, WINDOW);
        int size = 2 * RF * RF;
        int cx = 18;
        int cy = 17;
        for (ContextMixer.Seam seam : List.of(new ContextMixer.Seam(1, 20, 16, 0, 2),
                new ContextMixer.Seam(1, 21, 19, 0.7, 1.5), new ContextMixer.Seam(1, 17, 18, 4.0, 0))) {
            PatchExtractor expected = new PatchExtractor(List.of(composite(a, cx, cy, b, seam.partnerX(),
                    seam.partnerY(), seam)), RF);
            for (int rotation = 0; rotation < 4; rotation++) {
                for (boolean reflected : new boolean[] {false, true}) {
                    float[] want = new float[size];
                    float[] got = new float[size + 5];
                    expected.extract(cy * W + cx, rotation, reflected, want, 0);
                    mixer.extract(0, cx, cy, seam, rotation, reflected, got, 5);
                    for (int i = 0; i < size; i++) {
                        assertEquals(want[i], got[5 + i], 1e-5, "seam " + seam + ", value " + i);
                    }
                }
            }
            // The partner's pixels are in the patch: it differs from the unmixed one.
            float[] plain = new float[size];
            float[] mixed = new float[size];
            new PatchExtractor(List.of(a, b), RF).extract(cy * W + cx, 0, false, plain, 0);
            mixer.extract(0, cx, cy, seam, 0, false, mixed, 0);
            assertFalse(java.util.Arrays.equals(plain, mixed));
        }
    }

    @Test
    void aSeamOutsideThePatchAndItsMarginGivesThePlainPatchEvenAtTheBorders() throws Exception {
        TrainingImage a = image("a", 3, 100);
        TrainingImage b = image("b", 4, 300);
        ContextMixer mixer = new ContextMixer(List.of(a, b), new int[] {0, 1}, RF, WINDOW);
        PatchExtractor patches = new PatchExtractor(List.of(a, b), RF);
        ContextMixer.Seam far = new ContextMixer.Seam(1, 10, 10, 1.0, 100);
        int size = 2 * RF * RF;
        for (int pixel : new int[] {0, 5 * W + 3, 17 * W + 20, H * W - 1, (H - 2) * W + 1}) {
            float[] want = new float[size];
            float[] got = new float[size];
            patches.extract(pixel, 3, true, want, 0);
            mixer.extract(0, pixel, far, 3, true, got, 0);
            assertArrayEquals(want, got, 1e-5f, "pixel " + pixel);
        }
    }

    @Test
    void partnersAreTheOtherImagesWithTrainingPixelsNeverAHeldOutOne() throws Exception {
        List<TrainingImage> images = List.of(image("a", 5, 100), image("b", 6, 200), image("held", 7, 300));
        PixelSplit split = PixelSplit.of(images, List.of("background", "boundary", "interior"), 0.1, 1,
                Set.of("held"));
        PatchExtractor patches = new PatchExtractor(images, RF);
        int[] partners = ContextMixer.partnersOf(split, patches, images.size());
        assertArrayEquals(new int[] {0, 1}, partners);
        ContextMixer mixer = new ContextMixer(images, partners, RF, WINDOW);
        SplittableRandom random = new SplittableRandom(9);
        double farthest = 0;
        for (int i = 0; i < 2000; i++) {
            ContextMixer.Seam seam = mixer.randomSeam(0, random);
            assertEquals(1, seam.partner());
            assertTrue(seam.partnerX() >= 0 && seam.partnerX() < W && seam.partnerY() >= 0 && seam.partnerY() < H);
            assertTrue(seam.distance() >= 0 && seam.distance() <= RF / 2, "distance " + seam.distance());
            assertTrue(seam.angle() >= 0 && seam.angle() < 2 * Math.PI);
            farthest = Math.max(farthest, seam.distance());
        }
        assertTrue(farthest > 3.5, "distances spread over the half patch: " + farthest);
        assertEquals(0, new ContextMixer(images, new int[] {0}, RF, WINDOW).randomSeam(0, random).partner(),
                "a single image lends another place of itself");
    }

    @Test
    void needsTheScaledPlanes() throws Exception {
        TrainingImage plain = new TrainingImageLoader(RF, 3, Normalization.standard(WINDOW)).fromPlanes("p",
                List.of(new FloatPlane(W, H, new float[W * H])), LabelImage.of(W, H, new int[W * H]));
        assertThrows(IllegalArgumentException.class, () -> new ContextMixer(List.of(plain), new int[] {0}, RF,
                WINDOW));
    }
}
