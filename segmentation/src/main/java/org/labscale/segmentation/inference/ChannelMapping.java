package org.labscale.segmentation.inference;

import org.labscale.segmentation.SegmentationException;
import org.labscale.shared.segmentation.ChannelRoles;

import java.util.List;
import java.util.Map;

/**
 * Which image channel feeds each model input: the job's {@code channelMap} (model channel role to 0-based image
 * channel), and for a role it does not name, role i reads image channel i. The map may name a role of any of the job's
 * models (e.g. one only the nuclear model reads), the same rule the API applies at submit ({@link ChannelRoles}).
 */
public final class ChannelMapping {

    private ChannelMapping() {
    }

    /**
     * @param roles      the roles of the model to feed, in model order
     * @param jobRoles   the roles of every model of the job (this one included), for checking the map's names
     * @return for each of {@code roles}, the image channel to read
     * @throws SegmentationException {@code CHANNELS_MISMATCH} when the map names a role no model reads or an image
     *                               channel does not exist
     */
    public static int[] indices(List<String> roles, List<List<String>> jobRoles, Map<String, Integer> channelMap,
                                int imageChannels) throws SegmentationException {
        String unread = ChannelRoles.unread(channelMap, jobRoles).orElse(null);
        if (unread != null) {
            throw new SegmentationException(SegmentationException.CHANNELS_MISMATCH, "The " + unread);
        }
        int[] out = new int[roles.size()];
        for (int i = 0; i < roles.size(); i++) {
            out[i] = ChannelRoles.channel(roles, i, channelMap);
            if (out[i] >= imageChannels) {
                boolean mapped = channelMap != null && channelMap.containsKey(roles.get(i));
                throw new SegmentationException(SegmentationException.CHANNELS_MISMATCH, "The model reads "
                        + roles.size() + " channel(s) " + roles + " but the image has " + imageChannels
                        + (mapped ? "; channel " + out[i] + " for '" + roles.get(i) + "' does not exist (channels"
                        + " count from 0)." : "; map the '" + roles.get(i) + "' role to an existing channel."));
            }
        }
        return out;
    }

    /** {@link #indices(List, List, Map, int)} for a job of one model. */
    public static int[] indices(List<String> roles, Map<String, Integer> channelMap, int imageChannels)
            throws SegmentationException {
        return indices(roles, List.of(roles), channelMap, imageChannels);
    }
}
