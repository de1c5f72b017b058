package org.labscale.api.image.tile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.labscale.api.common.ApiException;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.api.image.service.ImageService;
import org.labscale.imaging.PageMode;
import org.labscale.shared.image.ChannelHistogramDto;
import org.labscale.shared.image.PixelValuesDto;

/**
 * What the viewer reads of an image: composite tiles at several resolutions, per-channel histograms and the original
 * values under the cursor, all from the image's {@link PyramidCache pyramid}. Access is checked first, so a stranger
 * gets the 404 of a missing image whatever the other parameters say.
 */
@ApplicationScoped
public class ImageTiles {

    /** Bins of the histogram the viewer draws. */
    static final int HISTOGRAM_BINS = 256;

    @Inject
    ImageService images;

    @Inject
    PyramidCache cache;

    /** Tile ({@code x}, {@code y}) of {@code level} as a PNG composite of the requested channels. */
    public byte[] tile(UUID imageId, int level, int x, int y, Integer frame, List<Integer> channels, List<Double> mins,
                       List<Double> maxs, List<String> colors) {
        ImageEntity image = images.readable(imageId);
        TileRequest request = TileRequest.of(frame, channels, mins, maxs, colors, image.channels, image.frames);
        PyramidLayout layout = new PyramidLayout(image.width, image.height);
        if (!layout.contains(level, x, y)) {
            throw new ApiException(404, "tile.not-found", "Tile " + level + "/" + x + "/" + y + " does not exist: the"
                    + " image has levels 0-" + layout.maxLevel() + (level >= 0 && level <= layout.maxLevel()
                    ? ", and level " + level + " has " + layout.columns(level) + " x " + layout.rows(level) + " tiles."
                    : "."), null);
        }
        return read(image, pyramid -> {
            List<TileRenderer.Layer> layers = new ArrayList<>();
            Pyramid.TileValues first = null;
            for (int i = 0; i < request.channels().size(); i++) {
                int c = request.channels().get(i);
                Pyramid.TileValues values = pyramid.tile(c, request.frame(), level, x, y);
                first = values;
                double min;
                double max;
                if (request.mins() != null && request.maxs() != null) {
                    min = request.mins().get(i);
                    max = request.maxs().get(i);
                } else {
                    PlaneHistogram h = pyramid.histogram(c, request.frame());
                    min = request.mins() != null ? request.mins().get(i) : h.percentile(0.005);
                    max = request.maxs() != null ? request.maxs().get(i) : h.percentile(0.995);
                    if (!(max > min)) {
                        max = min + 1;
                    }
                }
                layers.add(new TileRenderer.Layer(values, min, max, request.colors().get(i)));
            }
            return TileRenderer.png(first.width(), first.height(), layers);
        });
    }

    /** The histogram of one plane over its whole range, with the percentiles auto-contrast uses. */
    public ChannelHistogramDto histogram(UUID imageId, Integer channel, Integer frame) {
        ImageEntity image = images.readable(imageId);
        TileRequest request = TileRequest.of(frame, channel == null ? List.of(0) : List.of(channel), null, null, null,
                image.channels, image.frames);
        int c = request.channels().get(0);
        PlaneHistogram h = read(image, pyramid -> pyramid.histogram(c, request.frame()));
        return new ChannelHistogramDto(c, request.frame(), h.min(), h.max(), h.coarse(HISTOGRAM_BINS),
                h.percentile(0.001), h.percentile(0.005), h.percentile(0.995), h.percentile(0.999));
    }

    /** The original values of every channel at pixel ({@code x}, {@code y}) of {@code frame}. */
    public PixelValuesDto values(UUID imageId, Integer x, Integer y, Integer frame) {
        ImageEntity image = images.readable(imageId);
        TileRequest request = TileRequest.of(frame, List.of(0), null, null, null, image.channels, image.frames);
        if (x == null || y == null || x < 0 || y < 0 || x >= image.width || y >= image.height) {
            throw ApiException.invalidField(x == null || x < 0 || x >= image.width ? "x" : "y", "Pixel (" + x + ", " + y
                    + ") is outside the image, which is " + image.width + " x " + image.height + " pixels.");
        }
        List<Double> values = read(image, pyramid -> {
            List<Double> v = new ArrayList<>();
            for (int c = 0; c < image.channels; c++) {
                v.add((double) pyramid.value(c, request.frame(), x, y));
            }
            return v;
        });
        return new PixelValuesDto(x, y, request.frame(), values);
    }

    @FunctionalInterface
    private interface PyramidRead<T> {
        T apply(Pyramid pyramid) throws IOException;
    }

    /** Runs {@code read} on the image's pyramid; if its files went missing (evicted meanwhile), rebuilds once. */
    private <T> T read(ImageEntity image, PyramidRead<T> read) {
        PyramidCache.Source source = new PyramidCache.Source(image.id, image.objectKey,
                PageMode.valueOf(image.pageMode.name()));
        try {
            try {
                return read.apply(cache.get(source));
            } catch (NoSuchFileException gone) {
                cache.forget(image.id);
                return read.apply(cache.get(source));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the tiles of image " + image.id + " failed", e);
        }
    }
}
