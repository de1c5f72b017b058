package org.labscale.segmentation.inference;

import org.labscale.segmentation.SegmentationException;

import java.util.List;
import java.util.Map;

/**
 * Which image channel feeds each model input: the job's {@code channelMap} (model channel role to 0-based image
 * channel), and for a role it does not name, role i reads image channel i.
 */
public final class ChannelMapping {

    private ChannelMapping() {
    }

    /**
     * @return for each model role, in model order, the image channel to read
     * @throws SegmentationException {@code CHANNELS_MISMATCH} when an image channel does not exist
     */
    public static int[] indices(List<String> roles, Map<String, Integer> channelMap, int imageChannels)
            throws SegmentationException {
        Map<String, Integer> map = channelMap == null ? Map.of() : channelMap;
        for (String role : map.keySet()) {
            if (!roles.contains(role)) {
                throw new SegmentationException(SegmentationException.CHANNELS_MISMATCH, "The channel map names a"
                        + " role '" + role + "' that the model does not read; it reads " + roles + ".");
            }
        }
        int[] out = new int[roles.size()];
        for (int i = 0; i < roles.size(); i++) {
            Integer mapped = map.get(roles.get(i));
            out[i] = mapped == null ? i : mapped;
            if (out[i] >= imageChannels) {
                throw new SegmentationException(SegmentationException.CHANNELS_MISMATCH, "The model reads "
                        + roles.size() + " channel(s) " + roles + " but the image has " + imageChannels
                        + (mapped == null ? "; map the '" + roles.get(i) + "' role to an existing channel."
                        : "; channel " + mapped + " for '" + roles.get(i) + "' does not exist (channels count"
                        + " from 0)."));
            }
        }
        return out;
    }
}
