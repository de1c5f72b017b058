package org.labscale.api.sharing.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.labscale.api.common.ApiException;
import org.labscale.api.lab.persistence.MembershipEntity;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.model.persistence.ModelEntity;
import org.labscale.api.model.bioimageio.PublishCheck;
import org.labscale.api.model.persistence.ModelVersionEntity;
import org.labscale.shared.account.Role;
import org.labscale.shared.sharing.SharingDto;
import org.labscale.shared.sharing.UsageDto;
import org.labscale.shared.sharing.Visibility;

/**
 * Sharing of model versions across labs ({@link VersionGrants} holds the mechanism): owners of the model's lab grant
 * and revoke other labs and make a version public or private again; every member of the lab reads the grants.
 * Outside its lab a version is seen only where {@link #usableBy} or {@link #readableByCaller} says so; everything
 * else reads exactly as a missing model (404).
 */
@ApplicationScoped
public class ModelSharing {

    @Inject
    LabAccess access;

    @Inject
    EntityManager em;

    @Inject
    VersionGrants grants;

    @Inject
    SharedUse use;

    @Inject
    PublishCheck publishing;

    public SharingDto sharing(UUID labId, UUID modelId, int n) {
        return QuarkusTransaction.requiringNew().call(() -> grants.describe(SharedKind.MODEL,
                version(labId, modelId, n, Role.VIEWER).id));
    }

    /** How often other labs segmented with or forked version {@code n} (members of the lab). */
    public UsageDto usage(UUID labId, UUID modelId, int n) {
        return QuarkusTransaction.requiringNew().call(() -> use.counts(SharedKind.MODEL,
                version(labId, modelId, n, Role.VIEWER).id));
    }

    /** Lets {@code granteeLabId} read and use version {@code n}; granting twice keeps the first grant. */
    public SharingDto grant(UUID labId, UUID modelId, int n, UUID granteeLabId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ModelVersionEntity v = version(labId, modelId, n, Role.OWNER);
            SharingDto answer = grants.grant(SharedKind.MODEL, labId, v.id, granteeLabId, access.userId());
            publishing.require(v); // publishing validates, after the grant's own checks; a refusal rolls it back
            return answer;
        });
    }

    /** Takes the grant back: new jobs of that lab naming the version are refused, running ones finish. */
    public SharingDto revoke(UUID labId, UUID modelId, int n, UUID granteeLabId) {
        return QuarkusTransaction.requiringNew().call(() -> grants.revoke(SharedKind.MODEL,
                version(labId, modelId, n, Role.OWNER).id, granteeLabId));
    }

    /** {@code PUBLIC} or {@code PRIVATE}; grants are kept either way (a private version with grants is SHARED). */
    public SharingDto visibility(UUID labId, UUID modelId, int n, Visibility visibility) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ModelVersionEntity v = version(labId, modelId, n, Role.OWNER); // who may ask comes before what is asked
            SharingDto answer = grants.visibility(SharedKind.MODEL, v.id, visibility);
            if (visibility == Visibility.PUBLIC) {
                publishing.require(v); // publishing validates; a refusal rolls the change back
            }
            em.refresh(v);
            return answer;
        });
    }

    /**
     * Version {@code n} of a model of {@code labId} for a caller who is not a member of that lab: only when it is
     * public or one of the caller's labs holds a grant; otherwise the 404 of a missing model. In the caller's
     * transaction.
     */
    public ModelVersionEntity readableByCaller(UUID labId, UUID modelId, int n) {
        List<UUID> labs = MembershipEntity.forUser(access.userId()).stream().map(m -> m.labId).toList();
        return ModelEntity.inLab(labId, modelId)
                .flatMap(model -> ModelVersionEntity.of(model.id, n))
                .filter(v -> VersionGrants.visibleTo(SharedKind.MODEL, v.id, labs))
                .orElseThrow(() -> ApiException.notFound("model", modelId));
    }

    /**
     * A version of another lab's model that jobs of {@code labId} may use ({@code version} null: the latest): public
     * or granted to {@code labId}. Empty when the model is missing, of {@code labId} itself, or not usable. In the
     * caller's transaction.
     */
    public static Optional<ModelVersionEntity> usableBy(UUID labId, UUID modelId, Integer version) {
        return ModelEntity.<ModelEntity>findByIdOptional(modelId)
                .filter(model -> !model.labId.equals(labId))
                .flatMap(model -> ModelVersionEntity.of(model.id, version == null ? model.latestVersion : version))
                .filter(v -> VersionGrants.visibleTo(SharedKind.MODEL, v.id, List.of(labId)));
    }

    /** Version {@code n} of the lab's model if the caller holds {@code minimum} there; 404 otherwise. */
    public ModelVersionEntity version(UUID labId, UUID modelId, int n, Role minimum) {
        access.require(labId, minimum, "model", modelId);
        ModelEntity model = ModelEntity.inLab(labId, modelId).orElseThrow(() -> ApiException.notFound("model", modelId));
        return ModelVersionEntity.of(model.id, n).orElseThrow(() -> new ApiException(404, "not-found",
                "Model '" + model.name + "' has no version " + n + ".",
                Map.of("resource", "model version", "id", modelId + "/" + n)));
    }
}
