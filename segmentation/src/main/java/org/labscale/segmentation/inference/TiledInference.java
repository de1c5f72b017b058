package org.labscale.segmentation.inference;

import org.labscale.convnet.normalize.ChannelScaling;
import org.labscale.convnet.normalize.LocalMeanNormalizer;
import org.labscale.convnet.onnx.ModelMetadata;
import org.labscale.imaging.FloatPlane;
import org.labscale.segmentation.ProbabilityMaps;
import org.labscale.segmentation.SegmentationException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Whole-image inference in tiles, equal to running the ensemble on the whole image at once.
 *
 * <p>Why tiles equal the whole image: the output at a pixel depends only on the normalised input within half the
 * receptive field ({@code r = receptiveField/2}), and the normalised input at a pixel only on raw input within half
 * the normalisation window ({@code m}), with the whole image's per-channel median as divisor (computed once). So each
 * square output tile is computed from its <em>net region</em>, the tile grown by {@code r} and clipped to the image,
 * normalised from the <em>read region</em>, the net region grown by {@code m} and clipped. Where a region side is an
 * image edge, the normaliser's reflection and the graph's reflect padding are exactly those of the whole image;
 * elsewhere the halo holds real pixels. {@code TiledInferenceTest} checks equality on an image that is not a multiple
 * of the tile.
 *
 * <p>Memory: the output maps ({@code K x W x H} floats) plus one batch's buffers: per tile the read region
 * ({@code C x (T+2r+2m)^2} floats, normalised copy included), the input tensor ({@code C x (T+2r)^2}) and the
 * averaged output ({@code K x (T+2r)^2}), with ONNX Runtime's native activations for a {@code (T+2r)^2} input. For a
 * 4096 x 4096 image, 3 classes, 2 channels, 61 px net, 512 px tiles, that is 192 MiB of maps plus about 12 MiB on
 * the Java heap (the caller's 128 MiB of input planes aside).
 */
public final class TiledInference {

    private final EnsembleModel model;
    private final BooleanSupplier cancelled;

    public TiledInference(EnsembleModel model) {
        this(model, () -> false);
    }

    /**
     * @param cancelled asked before every batch of tiles; when it answers true, {@link #run} throws
     *                  {@link CancellationException} (a long image stops within one tile's time)
     */
    public TiledInference(EnsembleModel model, BooleanSupplier cancelled) {
        this.model = model;
        this.cancelled = cancelled;
    }

    /**
     * Probability maps of a whole image.
     *
     * @param channels one plane per model channel, in model order, all the same size
     * @throws SegmentationException {@code CHANNELS_MISMATCH} for the wrong number of planes, {@code IMAGE_TOO_SMALL}
     *                               for an image no larger than half the receptive field, or an inference failure
     * @throws CancellationException  the cancellation signal was raised
     */
    public ProbabilityMaps run(List<FloatPlane> channels) throws SegmentationException {
        ModelMetadata meta = model.metadata();
        int c = meta.channels().size();
        int k = meta.classes().size();
        if (channels.size() != c) {
            throw new SegmentationException(SegmentationException.CHANNELS_MISMATCH, "The model reads " + c
                    + " channel(s) " + meta.channels() + " but " + channels.size() + " were given.");
        }
        int width = channels.get(0).width();
        int height = channels.get(0).height();
        for (FloatPlane plane : channels) {
            if (plane.width() != width || plane.height() != height) {
                throw new IllegalArgumentException("all channels must have the same size");
            }
        }
        int r = meta.receptiveField() / 2;
        if (width <= r || height <= r) {
            throw new SegmentationException(SegmentationException.IMAGE_TOO_SMALL, "The image is " + width + " x "
                    + height + " px; this model (receptive field " + meta.receptiveField() + " px) needs more than "
                    + r + " px in each direction.");
        }
        LocalMeanNormalizer normalizer = new LocalMeanNormalizer(meta.normalization().window());
        int m = normalizer.window() / 2;
        ChannelScaling[] scalings = new ChannelScaling[c];
        for (int ch = 0; ch < c; ch++) {
            scalings[ch] = ChannelScaling.of(meta.normalization().method(), channels.get(ch).pixels());
        }
        float[][] maps = new float[k][width * height];
        int t = model.settings().tileSize();
        // Tiles grouped by net-region size, so tiles of equal size can share a batch.
        Map<Long, List<Tile>> groups = new LinkedHashMap<>();
        for (int y0 = 0; y0 < height; y0 += t) {
            for (int x0 = 0; x0 < width; x0 += t) {
                Tile tile = new Tile(x0, y0, Math.min(width, x0 + t), Math.min(height, y0 + t), r, width, height);
                groups.computeIfAbsent(((long) tile.netW() << 32) | tile.netH(), key -> new ArrayList<>()).add(tile);
            }
        }
        int batch = model.settings().batchTiles();
        for (List<Tile> group : groups.values()) {
            for (int from = 0; from < group.size(); from += batch) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("segmentation was cancelled");
                }
                List<Tile> tiles = group.subList(from, Math.min(group.size(), from + batch));
                runBatch(tiles, channels, normalizer, scalings, m, maps, width, height);
            }
        }
        return new ProbabilityMaps(width, height, meta.classes(), maps);
    }

    private void runBatch(List<Tile> tiles, List<FloatPlane> channels, LocalMeanNormalizer normalizer,
                          ChannelScaling[] scalings, int m, float[][] maps, int width, int height)
            throws SegmentationException {
        int c = channels.size();
        int k = maps.length;
        int netW = tiles.get(0).netW();
        int netH = tiles.get(0).netH();
        int plane = netW * netH;
        float[] input = new float[tiles.size() * c * plane];
        for (int b = 0; b < tiles.size(); b++) {
            Tile tile = tiles.get(b);
            int rx0 = Math.max(0, tile.nx0 - m);
            int ry0 = Math.max(0, tile.ny0 - m);
            int rx1 = Math.min(width, tile.nx1 + m);
            int ry1 = Math.min(height, tile.ny1 + m);
            int rw = rx1 - rx0;
            int rh = ry1 - ry0;
            for (int ch = 0; ch < c; ch++) {
                float[] src = channels.get(ch).pixels();
                float[] read = new float[rw * rh];
                for (int y = 0; y < rh; y++) {
                    System.arraycopy(src, (ry0 + y) * width + rx0, read, y * rw, rw);
                }
                float[] normalized = normalizer.normalize(read, rw, rh, scalings[ch]);
                int base = (b * c + ch) * plane;
                for (int y = 0; y < netH; y++) {
                    System.arraycopy(normalized, (tile.ny0 - ry0 + y) * rw + (tile.nx0 - rx0), input,
                            base + y * netW, netW);
                }
            }
        }
        float[] out = model.predict(input, tiles.size(), netH, netW);
        for (int b = 0; b < tiles.size(); b++) {
            Tile tile = tiles.get(b);
            int tw = tile.x1 - tile.x0;
            for (int kk = 0; kk < k; kk++) {
                int base = (b * k + kk) * plane;
                for (int y = tile.y0; y < tile.y1; y++) {
                    System.arraycopy(out, base + (y - tile.ny0) * netW + (tile.x0 - tile.nx0), maps[kk],
                            y * width + tile.x0, tw);
                }
            }
        }
    }

    /** An output tile [x0, x1) x [y0, y1) and its net region grown by r, clipped to the image. */
    private static final class Tile {
        final int x0;
        final int y0;
        final int x1;
        final int y1;
        final int nx0;
        final int ny0;
        final int nx1;
        final int ny1;

        Tile(int x0, int y0, int x1, int y1, int r, int width, int height) {
            this.x0 = x0;
            this.y0 = y0;
            this.x1 = x1;
            this.y1 = y1;
            this.nx0 = Math.max(0, x0 - r);
            this.ny0 = Math.max(0, y0 - r);
            this.nx1 = Math.min(width, x1 + r);
            this.ny1 = Math.min(height, y1 + r);
        }

        int netW() {
            return nx1 - nx0;
        }

        int netH() {
            return ny1 - ny0;
        }
    }
}
