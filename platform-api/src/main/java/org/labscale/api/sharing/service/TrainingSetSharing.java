package org.labscale.api.sharing.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.labscale.api.common.ApiException;
import org.labscale.api.lab.persistence.MembershipEntity;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.trainingset.persistence.TrainingSetEntity;
import org.labscale.api.trainingset.persistence.TrainingSetVersionEntity;
import org.labscale.shared.account.Role;
import org.labscale.shared.sharing.SharingDto;
import org.labscale.shared.sharing.UsageDto;
import org.labscale.shared.sharing.Visibility;

/**
 * Sharing of training-set versions across labs, by the same rules as model versions ({@link VersionGrants}): owners
 * of the set's lab grant, revoke and change visibility; its members read the grants. Another lab reads a version's
 * manifest and trains on it only while the version is public or granted to it; otherwise it reads exactly as a
 * missing training set (404).
 */
@ApplicationScoped
public class TrainingSetSharing {

    @Inject
    LabAccess access;

    @Inject
    VersionGrants grants;

    @Inject
    SharedUse use;

    @Transactional
    public SharingDto sharing(UUID setId, int n) {
        return grants.describe(SharedKind.TRAINING_SET, version(setId, n, Role.VIEWER).id);
    }

    /** How often other labs trained on or forked version {@code n} (members of the set's lab). */
    @Transactional
    public UsageDto usage(UUID setId, int n) {
        return use.counts(SharedKind.TRAINING_SET, version(setId, n, Role.VIEWER).id);
    }

    @Transactional
    public SharingDto grant(UUID setId, int n, UUID granteeLabId) {
        TrainingSetVersionEntity v = version(setId, n, Role.OWNER);
        return grants.grant(SharedKind.TRAINING_SET, v.labId, v.id, granteeLabId, access.userId());
    }

    @Transactional
    public SharingDto revoke(UUID setId, int n, UUID granteeLabId) {
        return grants.revoke(SharedKind.TRAINING_SET, version(setId, n, Role.OWNER).id, granteeLabId);
    }

    @Transactional
    public SharingDto visibility(UUID setId, int n, Visibility visibility) {
        return grants.visibility(SharedKind.TRAINING_SET, version(setId, n, Role.OWNER).id, visibility);
    }

    /** Whether the caller is a member of the set's lab (then the lab's own rules apply). In the caller's transaction. */
    public boolean callerIsMember(UUID setId) {
        return TrainingSetEntity.<TrainingSetEntity>findByIdOptional(setId)
                .flatMap(set -> MembershipEntity.of(set.labId, access.userId())).isPresent();
    }

    /**
     * Version {@code n} for a caller outside the set's lab: only when it is public or granted to one of the caller's
     * labs; otherwise the 404 of a missing training set. In the caller's transaction.
     */
    public TrainingSetVersionEntity readableByCaller(UUID setId, int n) {
        List<UUID> labs = MembershipEntity.forUser(access.userId()).stream().map(m -> m.labId).toList();
        return TrainingSetVersionEntity.of(setId, n)
                .filter(v -> VersionGrants.visibleTo(SharedKind.TRAINING_SET, v.id, labs))
                .orElseThrow(() -> ApiException.notFound("training set", setId));
    }

    /**
     * A training-set version jobs of {@code labId} may train on: one of the lab's own, or another lab's that is
     * public or granted to {@code labId} now. Empty otherwise (missing and invisible read alike). In the caller's
     * transaction.
     */
    public static Optional<TrainingSetVersionEntity> usableBy(UUID labId, UUID setId, Integer version) {
        if (setId == null || version == null) {
            return Optional.empty();
        }
        return TrainingSetVersionEntity.of(setId, version).filter(v -> v.labId.equals(labId)
                || VersionGrants.visibleTo(SharedKind.TRAINING_SET, v.id, List.of(labId)));
    }

    /** Version {@code n} of the set if the caller holds {@code minimum} in its lab; 404 otherwise. */
    public TrainingSetVersionEntity version(UUID setId, int n, Role minimum) {
        TrainingSetEntity set = TrainingSetEntity.<TrainingSetEntity>findByIdOptional(setId)
                .orElseThrow(() -> ApiException.notFound("training set", setId));
        access.require(set.labId, minimum, "training set", setId);
        return TrainingSetVersionEntity.of(setId, n).orElseThrow(() -> new ApiException(404, "not-found",
                "Training set '" + set.name + "' has no version " + n + "; it has " + set.latestVersion + ".",
                Map.of("resource", "training-set version", "id", setId + "/" + n)));
    }
}
