package org.labscale.shared.image;

import java.util.List;

/** Changes an image's descriptive metadata; null fields are left as they are. */
public record ImageUpdateRequest(String name, List<String> channelNames, Double pixelSizeUm) {
}
