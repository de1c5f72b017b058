package org.labscale.ui.viewer;

/**
 * The annotation overlay: a 3-class map (background, boundary, interior) drawn over the image.
 *
 * @param url     where the browser reads the class map (the UI's proxy)
 * @param filled  interiors coloured too, not only the outlines
 * @param opacity 0 (invisible) to 1
 */
public record OverlaySetting(String url, boolean filled, double opacity) {
}
