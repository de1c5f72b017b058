package org.labscale.shared.lab;

import org.labscale.shared.account.Role;

/** Changes a member's role. */
public record MemberRoleRequest(Role role) {
}
