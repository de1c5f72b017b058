package org.labscale.training.data;

import java.util.List;

import org.labscale.convnet.normalize.LocalMeanNormalizer;

/**
 * Cuts the square patch (side = receptive field, all channels) centred on a pixel out of the normalised images, at
 * run time, reflecting at image borders exactly as the exported ONNX graph's {@code Pad} does, optionally rotated by
 * a multiple of 90 degrees and reflected (the paper's augmentation: rotations and reflections, no shear). Pixel ids
 * number pixels across the images in order ({@code offset of the image + y * width + x}).
 */
public final class PatchExtractor {

    private final List<TrainingImage> images;
    private final int[] offsets;
    private final int side;
    private final int channels;

    public PatchExtractor(List<TrainingImage> images, int receptiveField) {
        this.images = List.copyOf(images);
        this.side = receptiveField;
        this.channels = images.get(0).channels().length;
        offsets = new int[images.size() + 1];
        for (int i = 0; i < images.size(); i++) {
            offsets[i + 1] = offsets[i] + images.get(i).pixels();
        }
    }

    /** Values one patch fills: channels x side x side. */
    public int patchSize() {
        return channels * side * side;
    }

    /** The pixel index {@code y * width + x} of pixel {@code id} in its image ({@link #imageOf}). */
    public int pixelOf(int id) {
        return id - offsets[imageOf(id)];
    }

    /** The class of pixel {@code id}. */
    public int classOf(int id) {
        int image = imageOf(id);
        return images.get(image).classes()[id - offsets[image]];
    }

    /**
     * Writes the patch around pixel {@code id} into {@code dst[offset ...]} as {@code [channel][row][column]}.
     *
     * @param rotation  quarter turns, 0 to 3
     * @param reflected mirror left-right (before rotating)
     */
    public void extract(int id, int rotation, boolean reflected, float[] dst, int offset) {
        int i = imageOf(id);
        TrainingImage image = images.get(i);
        int pixel = id - offsets[i];
        int w = image.width();
        int h = image.height();
        int cx = pixel % w;
        int cy = pixel / w;
        int r = side / 2;
        boolean inside = cx - r >= 0 && cy - r >= 0 && cx + r < w && cy + r < h;
        int plane = side * side;
        int[] turned = new int[2];
        for (int v = -r; v <= r; v++) {
            for (int u = -r; u <= r; u++) {
                turn(u, v, rotation, reflected, turned);
                int x = cx + turned[0];
                int y = cy + turned[1];
                if (!inside) {
                    x = LocalMeanNormalizer.reflect(x, w);
                    y = LocalMeanNormalizer.reflect(y, h);
                }
                int src = y * w + x;
                int d = offset + (v + r) * side + (u + r);
                for (int c = 0; c < channels; c++) {
                    dst[d + c * plane] = image.channels()[c][src];
                }
            }
        }
    }

    /**
     * The offset {@code (u, v)} from a patch's centre mirrored left-right when {@code reflected}, then turned by
     * {@code rotation} quarter turns: {@code out[0]}, {@code out[1]}. The augmentation of a patch and of a crop.
     */
    static void turn(int u, int v, int rotation, boolean reflected, int[] out) {
        int su = reflected ? -u : u;
        int sv = v;
        for (int q = 0; q < rotation; q++) {
            int t = su;
            su = -sv;
            sv = t;
        }
        out[0] = su;
        out[1] = sv;
    }

    /** The index (in the images given) of the image pixel {@code id} lies in. */
    public int imageOf(int id) {
        int lo = 0;
        int hi = images.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (offsets[mid] <= id) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
