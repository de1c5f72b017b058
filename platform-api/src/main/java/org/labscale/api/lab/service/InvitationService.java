package org.labscale.api.lab.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.labscale.api.account.persistence.UserEntity;
import org.labscale.api.account.security.Caller;
import org.labscale.api.account.service.AccountService;
import org.labscale.api.account.service.PasswordPolicy;
import org.labscale.api.common.ApiException;
import org.labscale.api.common.Hashing;
import org.labscale.api.common.Paging;
import org.labscale.api.common.Texts;
import org.labscale.api.lab.persistence.InvitationEntity;
import org.labscale.api.lab.persistence.LabEntity;
import org.labscale.api.lab.persistence.MembershipEntity;
import org.labscale.shared.account.Role;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.lab.AcceptInvitationRequest;
import org.labscale.shared.lab.InvitationDto;
import org.labscale.shared.lab.InvitationRequest;
import org.labscale.shared.account.MembershipDto;

/**
 * Invitations: an owner invites an e-mail address with a role; whoever holds the token (shown once) joins the lab,
 * signing in first or creating an account for the invited address.
 */
@ApplicationScoped
public class InvitationService {

    @Inject
    Clock clock;

    @Inject
    LabAccess access;

    @Inject
    Caller caller;

    @Inject
    AccountService accounts;

    @Inject
    PasswordPolicy policy;

    @Transactional
    public InvitationDto invite(UUID labId, InvitationRequest request) {
        access.requireLab(labId, Role.OWNER);
        if (request == null) {
            throw ApiException.badRequest("request.missing-body", "Send {email, role, expiresInDays}.");
        }
        String email = Texts.email(request.email(), "email");
        int days = request.expiresInDays() == null ? 14 : request.expiresInDays();
        if (days < 1 || days > 90) {
            throw ApiException.invalidField("expiresInDays", "expiresInDays must be between 1 and 90, not " + days + ".");
        }
        String token = "lsi_" + Hashing.randomSecret(24);
        InvitationEntity invitation = new InvitationEntity();
        invitation.id = UUID.randomUUID();
        invitation.labId = labId;
        invitation.email = email;
        invitation.role = request.role() == null ? Role.MEMBER : request.role();
        invitation.tokenHash = Hashing.sha256Hex(token);
        invitation.invitedBy = access.userId();
        invitation.createdAt = clock.instant();
        invitation.expiresAt = invitation.createdAt.plus(Duration.ofDays(days));
        invitation.persist();
        return invitation.toDto(token);
    }

    @Transactional
    public PageDto<InvitationDto> list(UUID labId, Paging paging) {
        access.requireLab(labId, Role.OWNER);
        return paging.apply(InvitationEntity.<InvitationEntity>find("labId = ?1 order by createdAt desc", labId), i -> i.toDto(null));
    }

    @Transactional
    public void revoke(UUID labId, UUID invitationId) {
        access.requireLab(labId, Role.OWNER);
        InvitationEntity invitation = InvitationEntity.findById(invitationId);
        if (invitation == null || !invitation.labId.equals(labId)) {
            throw ApiException.notFound("invitation", invitationId);
        }
        if (invitation.revokedAt == null && invitation.acceptedAt == null) {
            invitation.revokedAt = clock.instant();
        }
    }

    /** Joins the invitation's lab as the signed-in caller, or as a new account for the invited address. */
    @Transactional
    public MembershipDto accept(AcceptInvitationRequest request) {
        if (request == null || request.token() == null) {
            throw ApiException.badRequest("request.missing-field", "Send {token} (and displayName, password without an account).");
        }
        Instant now = clock.instant();
        InvitationEntity invitation = InvitationEntity.findByHash(Hashing.sha256Hex(request.token().trim()))
                .filter(i -> i.openAt(now))
                .orElseThrow(() -> new ApiException(404, "invitation.invalid",
                        "This invitation does not exist, has expired, was revoked or was already used.", null));
        UUID userId;
        if (caller.isSignedIn()) {
            userId = caller.userId();
        } else {
            if (UserEntity.findByEmail(invitation.email).isPresent()) {
                throw ApiException.conflict("invitation.sign-in-first", "An account for " + invitation.email
                        + " exists; sign in and accept the invitation with your token.");
            }
            String displayName = Texts.required(request.displayName(), "displayName", 200);
            policy.check(request.password(), "password", invitation.email, displayName);
            userId = accounts.newUser(invitation.email, displayName, request.password(), false).id;
        }
        MembershipEntity membership = MembershipEntity.of(invitation.labId, userId).orElse(null);
        if (membership == null) {
            membership = new MembershipEntity();
            membership.labId = invitation.labId;
            membership.userId = userId;
            membership.role = invitation.role;
            membership.createdAt = now;
            membership.persist();
        } else if (invitation.role.atLeast(membership.role)) {
            membership.role = invitation.role;
        }
        invitation.acceptedAt = now;
        invitation.acceptedBy = userId;
        LabEntity lab = LabEntity.findById(invitation.labId);
        return new MembershipDto(lab.id, lab.name, lab.slug, membership.role);
    }
}
