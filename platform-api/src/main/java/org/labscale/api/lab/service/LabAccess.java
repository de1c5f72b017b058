package org.labscale.api.lab.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.labscale.api.account.security.Caller;
import org.labscale.api.common.ApiException;
import org.labscale.api.lab.persistence.MembershipEntity;
import org.labscale.shared.account.Role;

/**
 * The tenancy rule in one place: a caller sees a lab's data only as its member. A non-member gets the same 404 as
 * for a missing resource (so another lab's data cannot even be detected); a member whose role is too weak gets 403.
 */
@ApplicationScoped
public class LabAccess {

    @Inject
    Caller caller;

    /**
     * The caller's membership of {@code labId} with at least {@code minimum}.
     *
     * @param what the resource named in the 404, e.g. "project"
     * @param id   the id named in the 404
     */
    public MembershipEntity require(UUID labId, Role minimum, String what, Object id) {
        MembershipEntity membership = MembershipEntity.of(labId, caller.userId())
                .orElseThrow(() -> ApiException.notFound(what, id));
        if (!membership.role.atLeast(minimum)) {
            throw ApiException.forbidden("auth.forbidden", switch (minimum) {
                case OWNER -> "Only an owner of this lab may do this; you are " + membership.role + ".";
                case MEMBER -> "Viewers may only read; ask an owner of this lab for the MEMBER role.";
                case VIEWER -> "You may not do this.";
            });
        }
        return membership;
    }

    /** Shorthand for a lab itself. */
    public MembershipEntity requireLab(UUID labId, Role minimum) {
        return require(labId, minimum, "lab", labId);
    }

    public UUID userId() {
        return caller.userId();
    }
}
