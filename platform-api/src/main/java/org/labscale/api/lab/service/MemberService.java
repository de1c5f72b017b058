package org.labscale.api.lab.service;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.labscale.api.account.persistence.UserEntity;
import org.labscale.api.common.ApiException;
import org.labscale.api.common.Paging;
import org.labscale.api.lab.persistence.LabEntity;
import org.labscale.api.lab.persistence.MembershipEntity;
import org.labscale.shared.account.Role;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.lab.MemberDto;

/**
 * A lab's members and their roles. A lab always keeps at least one owner: a change that would remove one locks the
 * lab first and then counts the others. Should a lab still end up without a usable owner (its owners' accounts
 * disabled), a platform administrator names a new one ({@link #makeOwner}).
 */
@ApplicationScoped
public class MemberService {

    @Inject
    LabAccess access;

    @Inject
    Clock clock;

    @Transactional
    public PageDto<MemberDto> list(UUID labId, Paging paging) {
        access.requireLab(labId, Role.VIEWER);
        return paging.apply(MembershipEntity.<MembershipEntity>find(
                "from MembershipEntity m join fetch m.user where m.labId = ?1 order by m.user.email", labId),
                MembershipEntity::toDto);
    }

    @Transactional
    public MemberDto changeRole(UUID labId, UUID userId, Role role) {
        LabEntity.lock(labId);
        access.requireLab(labId, Role.OWNER);
        if (role == null) {
            throw ApiException.invalidField("role", "role must be one of OWNER, MEMBER, VIEWER.");
        }
        MembershipEntity member = MembershipEntity.of(labId, userId)
                .orElseThrow(() -> ApiException.notFound("member", userId));
        if (member.role == Role.OWNER && role != Role.OWNER) {
            requireAnotherOwner(labId);
        }
        member.role = role;
        return member.toDto();
    }

    /** Owners remove anyone; any member may leave. */
    @Transactional
    public void remove(UUID labId, UUID userId) {
        boolean self = userId.equals(access.userId());
        LabEntity.lock(labId);
        access.requireLab(labId, self ? Role.VIEWER : Role.OWNER);
        MembershipEntity member = MembershipEntity.of(labId, userId)
                .orElseThrow(() -> ApiException.notFound("member", userId));
        if (member.role == Role.OWNER) {
            requireAnotherOwner(labId);
        }
        member.delete();
    }

    /**
     * Makes {@code userId} an owner of the lab, a member or not (platform administrators repair a lab whose owners
     * left or were disabled).
     */
    @Transactional
    public MemberDto makeOwner(UUID labId, UUID userId) {
        LabEntity.lock(labId);
        if (LabEntity.findById(labId) == null) {
            throw ApiException.notFound("lab", labId);
        }
        UserEntity user = UserEntity.<UserEntity>findByIdOptional(userId)
                .orElseThrow(() -> ApiException.notFound("user", userId));
        MembershipEntity member = MembershipEntity.of(labId, userId).orElse(null);
        if (member == null) {
            member = new MembershipEntity();
            member.labId = labId;
            member.userId = userId;
            member.createdAt = clock.instant();
            member.user = user;
            member.role = Role.OWNER;
            member.persist();
        }
        member.role = Role.OWNER;
        return member.toDto();
    }

    /** Callers hold the lab's lock ({@link LabEntity#lock}): two owners leaving at once cannot both pass. */
    private static void requireAnotherOwner(UUID labId) {
        if (MembershipEntity.owners(labId) <= 1) {
            throw ApiException.conflict("lab.last-owner",
                    "A lab needs at least one owner; make another member an owner first.");
        }
    }
}
