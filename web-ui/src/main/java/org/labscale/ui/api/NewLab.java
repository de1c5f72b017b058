package org.labscale.ui.api;

/** Body of {@code POST /api/v1/labs}. */
public record NewLab(String name, String description) {
}
