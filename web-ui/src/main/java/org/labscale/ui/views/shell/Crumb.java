package org.labscale.ui.views.shell;

/**
 * One step of the breadcrumb trail.
 *
 * @param text what the step is called (a lab's, project's or image's name)
 * @param path where it links to, without the leading slash; null for the page itself
 */
public record Crumb(String text, String path) {
}
