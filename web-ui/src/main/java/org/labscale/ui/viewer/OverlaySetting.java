package org.labscale.ui.viewer;

/**
 * The annotation overlay: a 3-class map (background, boundary, interior) drawn over the image.
 *
 * @param url     where the browser reads the class map (the UI's proxy)
 * @param filled  interiors coloured too, not only the outlines
 * @param opacity 0 (invisible) to 1
 */
public record OverlaySetting(String url, boolean filled, double opacity) {

    /**
     * Where the browser reads the overlay's tiles, for images too large to read it whole: below the whole map's URL
     * without its {@code .png}, {@code <that>/tiles/<level>/<x>/<y>.png} (both proxies serve that form).
     */
    public String tiles() {
        return (url.endsWith(".png") ? url.substring(0, url.length() - 4) : url) + "/tiles";
    }
}
