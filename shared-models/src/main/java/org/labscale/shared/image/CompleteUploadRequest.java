package org.labscale.shared.image;

import java.util.List;

/** Finishes a presigned upload: the API validates the object and registers the image. */
public record CompleteUploadRequest(String name, PageMode pageMode, List<String> channelNames, Double pixelSizeUm) {
}
