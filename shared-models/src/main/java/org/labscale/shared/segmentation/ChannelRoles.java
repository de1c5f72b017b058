package org.labscale.shared.segmentation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rule of a segmentation job's {@code channelMap} (model channel role to 0-based image channel) that the API checks
 * at submit and the worker again per image, so that both accept the same maps: every role it names must be read by one
 * of the job's models (the main model or the nuclear model); a model's role it does not name reads channel i for the
 * i-th role.
 */
public final class ChannelRoles {

    private ChannelRoles() {
    }

    /**
     * A sentence naming the first role the map names that none of the job's models reads, if any.
     *
     * @param modelRoles the channel roles of each model of the job (the main model, then the nuclear model if any)
     */
    public static Optional<String> unread(Map<String, Integer> channelMap, List<List<String>> modelRoles) {
        if (channelMap == null) {
            return Optional.empty();
        }
        Set<String> read = new LinkedHashSet<>();
        modelRoles.forEach(read::addAll);
        for (String role : channelMap.keySet()) {
            if (!read.contains(role)) {
                return Optional.of("channelMap names the channel role \"" + role + "\", but "
                        + (modelRoles.size() == 1 ? "the model reads only " : "the models together read only ")
                        + new ArrayList<>(read) + ".");
            }
        }
        return Optional.empty();
    }

    /** The image channel the {@code i}-th of {@code roles} reads under the map. */
    public static int channel(List<String> roles, int i, Map<String, Integer> channelMap) {
        Integer mapped = channelMap == null ? null : channelMap.get(roles.get(i));
        return mapped == null ? i : mapped;
    }
}
