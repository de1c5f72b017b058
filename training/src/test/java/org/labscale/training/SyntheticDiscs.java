package org.labscale.training;

import java.util.List;
import java.util.Random;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.BoundaryInteriorMap;
import org.labscale.imaging.labels.Connectivity;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.training.data.TrainingImage;
import org.labscale.training.data.TrainingImageLoader;
import org.labscale.shared.net.Normalization;

/** Synthetic microscopy for tests: bright discs (radius 4-7 px) on a dim noisy background, with their 3-class map. */
public final class SyntheticDiscs {

    private SyntheticDiscs() {
    }

    /** An image and its instance labels. */
    public record Image(FloatPlane plane, LabelImage instances) {
        public LabelImage classMap() {
            return BoundaryInteriorMap.fromInstances(instances, Connectivity.EIGHT);
        }
    }

    public static Image image(int width, int height, int discs, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[width * height];
        int[] labels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 20 + (float) random.nextGaussian() * 3;
        }
        for (int d = 1; d <= discs; d++) {
            int r = 4 + random.nextInt(4);
            int cx = r + random.nextInt(width - 2 * r);
            int cy = r + random.nextInt(height - 2 * r);
            float brightness = 60 + random.nextInt(80);
            for (int y = cy - r; y <= cy + r; y++) {
                for (int x = cx - r; x <= cx + r; x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r && labels[y * width + x] == 0) {
                        labels[y * width + x] = d;
                        pixels[y * width + x] += brightness;
                    }
                }
            }
        }
        return new Image(new FloatPlane(width, height, pixels), LabelImage.of(width, height, labels));
    }

    /**
     * The discs of {@link #image}{@code (width, height, discs, seed)} drawn {@code scale} times larger (as at a pixel
     * size {@code scale} times finer), on new noise: the same cells, each {@code scale^2} times as many pixels.
     */
    public static Image imageAt(int width, int height, int discs, long seed, int scale) {
        Random random = new Random(seed);
        int[][] geometry = new int[discs][];
        for (int d = 0; d < discs; d++) {
            int r = 4 + random.nextInt(4);
            geometry[d] = new int[] {r, r + random.nextInt(width - 2 * r), r + random.nextInt(height - 2 * r),
                    60 + random.nextInt(80)};
        }
        int w = width * scale;
        int h = height * scale;
        Random noise = new Random(seed + 1);
        float[] pixels = new float[w * h];
        int[] labels = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                pixels[i] = 20 + (float) noise.nextGaussian() * 3;
                double bx = (x + 0.5) / scale - 0.5; // the pixel centre in the unscaled image's pixels
                double by = (y + 0.5) / scale - 0.5;
                for (int d = 0; d < discs && labels[i] == 0; d++) {
                    int[] g = geometry[d];
                    if ((bx - g[1]) * (bx - g[1]) + (by - g[2]) * (by - g[2]) <= g[0] * g[0]) {
                        labels[i] = d + 1;
                        pixels[i] += g[3];
                    }
                }
            }
        }
        return new Image(new FloatPlane(w, h, pixels), LabelImage.of(w, h, labels));
    }

    /** Normalised training images of discs. */
    public static List<TrainingImage> trainingImages(int count, int size, int window, int receptiveField, long seed)
            throws TrainingException {
        TrainingImageLoader loader = new TrainingImageLoader(receptiveField, 3, Normalization.standard(window));
        java.util.ArrayList<TrainingImage> out = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            Image image = image(size, size, size * size / 250, seed + i);
            out.add(loader.fromPlanes("disc-" + i, List.of(image.plane()), image.classMap()));
        }
        return out;
    }
}
