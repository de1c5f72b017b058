package org.labscale.api.image.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.labscale.api.common.ApiException;
import org.labscale.api.common.Texts;
import org.labscale.shared.image.PageMode;

/**
 * What the uploader says about an image, checked field by field before the file is looked at (the channel count
 * is checked against the file later, in {@link ImageIngest}).
 *
 * @param name         display name; null means the file name
 * @param pageMode     how a multi-page TIFF's pages are read; never null
 * @param channelNames one name per channel, or empty for unnamed channels; never null
 * @param pixelSizeUm  micrometres per pixel, positive, or null when unknown
 */
public record ImageMetadata(String name, PageMode pageMode, List<String> channelNames, Double pixelSizeUm) {

    public static final int MAX_NAME = 500;
    public static final int MAX_CHANNEL_NAME = 100;

    /** From typed values (JSON); null page mode means CHANNELS. */
    public static ImageMetadata of(String name, PageMode pageMode, List<String> channelNames, Double pixelSizeUm) {
        return new ImageMetadata(Texts.optional(name, "name", MAX_NAME),
                pageMode == null ? PageMode.CHANNELS : pageMode, channelNames(channelNames),
                pixelSize(pixelSizeUm));
    }

    /** From multipart form fields, which arrive as text. */
    public static ImageMetadata ofForm(String name, String pageMode, List<String> channelNames, String pixelSizeUm) {
        return of(name, pageMode(pageMode), channelNames, pixelSize(pixelSizeUm));
    }

    /** Uses {@code fallback} when no name was given. */
    public String nameOr(String fallback) {
        return Texts.required(name == null || name.isBlank() ? fallback : name, "name", MAX_NAME);
    }

    static PageMode pageMode(String value) {
        if (value == null || value.isBlank()) {
            return PageMode.CHANNELS;
        }
        try {
            return PageMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("pageMode", "pageMode must be CHANNELS or FRAMES, not '" + value + "'.");
        }
    }

    static Double pixelSize(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("pixelSizeUm", "pixelSizeUm must be a positive number of micrometres, not '"
                    + value + "'.");
        }
    }

    /** Null stays null (validated as a positive finite number otherwise). */
    public static Double pixelSize(Double value) {
        if (value != null && !(Double.isFinite(value) && value > 0)) {
            throw ApiException.invalidField("pixelSizeUm", "pixelSizeUm must be a positive number of micrometres, not "
                    + value + ".");
        }
        return value;
    }

    /**
     * Channel names given as repeated values, comma-separated values or both; each trimmed, non-blank and at most
     * {@value #MAX_CHANNEL_NAME} characters. Null means none.
     */
    public static List<String> channelNames(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (String value : values) {
            if (value == null) {
                throw ApiException.invalidField("channelNames", "channelNames must not contain null.");
            }
            for (String part : value.split(",", -1)) {
                String trimmed = part.trim();
                if (trimmed.isEmpty()) {
                    throw ApiException.invalidField("channelNames", "channelNames must not contain empty names: '"
                            + String.join(",", values) + "'.");
                }
                if (trimmed.length() > MAX_CHANNEL_NAME) {
                    throw ApiException.invalidField("channelNames", "A channel name must be at most " + MAX_CHANNEL_NAME
                            + " characters; '" + trimmed.substring(0, 20) + "...' has " + trimmed.length() + ".");
                }
                out.add(trimmed);
            }
        }
        return out;
    }

    /** Refuses names whose count differs from the channels in the file; an empty list is always fine. */
    public static void checkChannelCount(List<String> names, int channels) {
        if (!names.isEmpty() && names.size() != channels) {
            throw ApiException.invalidField("channelNames", "The image has " + channels + " channel"
                    + (channels == 1 ? "" : "s") + " but " + names.size() + " channel name"
                    + (names.size() == 1 ? " was" : "s were") + " given (" + String.join(", ", names)
                    + "); give one name per channel or none.");
        }
    }
}
