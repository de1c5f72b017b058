package org.labscale.shared.trainingset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which channel of a frozen training item feeds each channel role of a net, the rule the API checks at submit and the
 * worker applies: a role reads the channel of that role; and a one-channel net reads a one-channel item whose only
 * channel has no name of its own ({@code channel-0}, the role an image uploaded without channel names gets), without
 * asking. A channel someone named (say {@code phase}) is never taken for another role.
 */
public final class TrainingChannels {

    /** The role of a channel uploaded without a name. */
    private static final Pattern UNNAMED = Pattern.compile("channel-\\d+");

    private TrainingChannels() {
    }

    /** Whether a role is the placeholder of an unnamed channel ({@code channel-<index>}). */
    public static boolean unnamed(String role) {
        return role != null && UNNAMED.matcher(role).matches();
    }

    /**
     * The 0-based channel for each of {@code netRoles}, in order; null for a role the item does not have.
     *
     * @param itemRoles the item's channel index (as a string) to role
     */
    public static List<Integer> pick(List<String> netRoles, Map<String, String> itemRoles) {
        List<Integer> out = new ArrayList<>();
        Map<String, String> roles = itemRoles == null ? Map.of() : itemRoles;
        for (String role : netRoles) {
            Integer index = null;
            for (Map.Entry<String, String> e : roles.entrySet()) {
                if (role.equals(e.getValue())) {
                    index = Integer.valueOf(e.getKey());
                }
            }
            if (index == null && netRoles.size() == 1 && roles.size() == 1) {
                Map.Entry<String, String> only = roles.entrySet().iterator().next();
                if (unnamed(only.getValue())) {
                    index = Integer.valueOf(only.getKey());
                }
            }
            out.add(index);
        }
        return out;
    }

    /** The roles of {@code netRoles} that {@link #pick} finds no channel for. */
    public static List<String> missing(List<String> netRoles, Map<String, String> itemRoles) {
        List<Integer> picked = pick(netRoles, itemRoles);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < netRoles.size(); i++) {
            if (picked.get(i) == null) {
                out.add(netRoles.get(i));
            }
        }
        return out;
    }

    /**
     * What to do about an item that lacks roles: the sentence every refusal ends with (the CLI command and the API
     * field).
     */
    public static String remedy(List<String> netRoles, Map<String, String> itemRoles, String imageId) {
        StringBuilder roles = new StringBuilder();
        for (int i = 0; i < netRoles.size(); i++) {
            roles.append(i == 0 ? "" : ",").append(i).append('=').append(netRoles.get(i));
        }
        return "Freeze a new version of the training set that names the roles, e.g. `labscale-cli training-sets"
                + " freeze SET --item " + imageId + ":ANNOTATION:" + roles + "` (API: items[].channelRoles "
                + "{" + String.join(", ", netRoles.stream().map(r -> "\"" + netRoles.indexOf(r) + "\": \"" + r
                + "\"").toList()) + "}), upload images with `--channels` (API: channelNames), or train a net whose"
                + " channels are the item's roles " + (itemRoles == null ? "{}" : itemRoles.values())
                + " (payload.channels with payload.net).";
    }
}
