package org.labscale.shared.sharing;

/** Body of {@code PUT .../visibility}: {@code PUBLIC} or {@code PRIVATE} (grants are given one lab at a time). */
public record VisibilityRequest(Visibility visibility) {
}
