package org.labscale.api.trainingset.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.labscale.api.common.ApiException;

/**
 * The channel roles of one training-set item, checked against its image: which channel index plays which role
 * ({"0": "phase", "1": "nuclear"}). Roles are restricted to {@code [A-Za-z0-9 ._:+-]} so that {@link ContentHash}'s
 * separators cannot occur inside one. Used when a version is frozen and when a training-set package is imported.
 */
public final class ChannelRoles {

    private static final Pattern ROLE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 ._:+-]{0,99}$");

    private ChannelRoles() {
    }

    /**
     * Checked roles keyed by canonical channel index, in index order; {@code requested == null} means every channel
     * under its name (or {@code channel-<i>} when unnamed or not a valid role).
     *
     * @param channels     the image's channel count
     * @param channelNames the image's channel names (may be shorter than {@code channels})
     * @param index        the item's index, named in errors ({@code details.item})
     * @param image        how errors name the image
     */
    public static Map<String, String> check(int channels, String[] channelNames, Map<String, String> requested,
                                            int index, String image) {
        Map<String, String> out = new LinkedHashMap<>();
        if (requested == null) {
            for (int c = 0; c < channels; c++) {
                String name = c < channelNames.length ? channelNames[c] : "channel-" + c;
                out.put(Integer.toString(c), ROLE.matcher(name).matches() ? name : "channel-" + c);
            }
            return out;
        }
        if (requested.isEmpty()) {
            throw itemField(index, "channelRoles", "Item " + index + ": channelRoles must name at least one channel"
                    + " (or be left out to use every channel).");
        }
        SortedMap<Integer, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : requested.entrySet()) {
            int c;
            try {
                c = Integer.parseInt(e.getKey());
            } catch (NumberFormatException ex) {
                c = -1;
            }
            if (c < 0 || c >= channels || !Integer.toString(c).equals(e.getKey())) {
                throw itemField(index, "channelRoles", "Item " + index + ": channel '" + e.getKey()
                        + "' does not exist; image " + image + " has channels 0.." + (channels - 1) + ".");
            }
            String role = e.getValue() == null ? "" : e.getValue().trim();
            if (!ROLE.matcher(role).matches()) {
                throw itemField(index, "channelRoles", "Item " + index + ": role '" + e.getValue() + "' of channel "
                        + c + " must be 1-100 letters, digits, spaces or ._:+- starting with a letter or digit.");
            }
            sorted.put(c, role);
        }
        sorted.forEach((c, role) -> out.put(Integer.toString(c), role));
        return out;
    }

    static ApiException itemField(int index, String field, String message) {
        return new ApiException(400, "validation.invalid-field", message, Map.of("field", field, "item", index));
    }
}
