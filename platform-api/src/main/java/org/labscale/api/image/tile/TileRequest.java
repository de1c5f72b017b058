package org.labscale.api.image.tile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.labscale.api.common.ApiException;

/**
 * What a tile request asks to see, checked against the image: the frame and, per shown channel, its index, display
 * range and colour. Lists are parallel; an absent {@code min}/{@code max} list means the channel's 0.5th and 99.5th
 * percentiles, an absent {@code color} list the default colours ({@link #defaultColor}).
 */
record TileRequest(int frame, List<Integer> channels, List<Double> mins, List<Double> maxs, List<Integer> colors) {

    /** One channel: grey. Two: green and magenta (colour-blind safe). More: red, green, blue, then cyan, yellow, white. */
    static int defaultColor(int index, int shown) {
        if (shown == 1) {
            return 0xffffff;
        }
        if (shown == 2) {
            return index == 0 ? 0x00ff00 : 0xff00ff;
        }
        int[] palette = {0xff0000, 0x00ff00, 0x0000ff, 0x00ffff, 0xffff00, 0xffffff};
        return palette[index % palette.length];
    }

    /**
     * Checks and completes the query parameters; 400 with a sentence naming the first bad value.
     *
     * @param channelCount channels per frame of the image
     * @param frameCount   frames of the image
     */
    static TileRequest of(Integer frame, List<Integer> channels, List<Double> mins, List<Double> maxs,
                          List<String> colors, int channelCount, int frameCount) {
        int f = frame == null ? 0 : frame;
        if (f < 0 || f >= frameCount) {
            throw ApiException.invalidField("frame", "frame " + f + " does not exist; the image has " + frameCount
                    + (frameCount == 1 ? " frame (0)." : " frames (0-" + (frameCount - 1) + ")."));
        }
        List<Integer> shown = channels == null || channels.isEmpty()
                ? java.util.stream.IntStream.range(0, Math.min(channelCount, 3)).boxed().toList() : channels;
        for (int c : shown) {
            if (c < 0 || c >= channelCount) {
                throw ApiException.invalidField("channel", "channel " + c + " does not exist; the image has "
                        + channelCount + (channelCount == 1 ? " channel (0)." : " channels (0-" + (channelCount - 1) + ")."));
            }
        }
        requireLength("min", mins, shown.size());
        requireLength("max", maxs, shown.size());
        requireLength("color", colors, shown.size());
        for (int i = 0; mins != null && maxs != null && i < mins.size(); i++) {
            if (!(maxs.get(i) > mins.get(i))) {
                throw ApiException.invalidField("max", "max " + maxs.get(i) + " of channel " + shown.get(i)
                        + " must be greater than its min " + mins.get(i) + ".");
            }
        }
        List<Integer> rgb = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            rgb.add(colors == null || colors.isEmpty() ? defaultColor(i, shown.size()) : color(colors.get(i)));
        }
        return new TileRequest(f, List.copyOf(shown), emptyToNull(mins), emptyToNull(maxs), rgb);
    }

    private static void requireLength(String name, List<?> values, int shown) {
        if (values != null && !values.isEmpty() && values.size() != shown) {
            throw ApiException.invalidField(name, "Give one " + name + " per shown channel: " + shown
                    + " channel(s) but " + values.size() + " " + name + " value(s).");
        }
    }

    private static <T> List<T> emptyToNull(List<T> values) {
        return values == null || values.isEmpty() ? null : List.copyOf(values);
    }

    static int color(String hex) {
        String h = hex == null ? "" : hex.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("#")) {
            h = h.substring(1);
        }
        if (!h.matches("[0-9a-f]{6}")) {
            throw ApiException.invalidField("color", "color '" + hex + "' is not a colour; give six hex digits such"
                    + " as 00ff00.");
        }
        return Integer.parseInt(h, 16);
    }
}
