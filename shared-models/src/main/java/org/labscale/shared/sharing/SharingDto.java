package org.labscale.shared.sharing;

import java.util.List;

/** How one version is shared: its effective visibility and its grants, oldest first. */
public record SharingDto(Visibility visibility, List<GrantDto> grants) {
}
