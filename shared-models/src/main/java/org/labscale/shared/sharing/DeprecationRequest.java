package org.labscale.shared.sharing;

/** Body of {@code PUT .../deprecation}: why the version should no longer be chosen (1 to 2,000 characters). */
public record DeprecationRequest(String reason) {
}
