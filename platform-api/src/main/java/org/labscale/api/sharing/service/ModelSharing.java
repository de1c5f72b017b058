package org.labscale.api.sharing.service;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.labscale.api.common.ApiException;
import org.labscale.api.lab.persistence.LabEntity;
import org.labscale.api.lab.persistence.MembershipEntity;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.model.persistence.ModelEntity;
import org.labscale.api.model.bioimageio.PublishCheck;
import org.labscale.api.model.persistence.ModelVersionEntity;
import org.labscale.shared.account.Role;
import org.labscale.shared.sharing.GrantDto;
import org.labscale.shared.sharing.SharingDto;
import org.labscale.shared.sharing.Visibility;

/**
 * Sharing of model versions across labs: owners of the model's lab grant and revoke other labs and make a version
 * public or private again; every member of the lab reads the grants. Outside its lab a version is seen only where
 * {@link #usableBy} or {@link #readableByCaller} says so; everything else reads exactly as a missing model (404).
 */
@ApplicationScoped
public class ModelSharing {

    @Inject
    LabAccess access;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PublishCheck publishing;

    public SharingDto sharing(UUID labId, UUID modelId, int n) {
        return QuarkusTransaction.requiringNew().call(() -> describe(version(labId, modelId, n, Role.VIEWER)));
    }

    /** Lets {@code granteeLabId} read and use version {@code n}; granting twice keeps the first grant. */
    public SharingDto grant(UUID labId, UUID modelId, int n, UUID granteeLabId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ModelVersionEntity v = version(labId, modelId, n, Role.OWNER);
            if (granteeLabId.equals(labId)) {
                throw ApiException.badRequest("sharing.own-lab",
                        "A lab always sees its own models; grant another lab.");
            }
            if (LabEntity.findById(granteeLabId) == null) {
                throw ApiException.notFound("lab", granteeLabId);
            }
            publishing.require(v); // publishing validates: complete card, stored test input gives stored output
            em.createNativeQuery("insert into model_version_grant (model_version_id, grantee_lab_id, granted_by,"
                            + " granted_at) values (:v, :lab, :by, :at) on conflict do nothing")
                    .setParameter("v", v.id).setParameter("lab", granteeLabId).setParameter("by", access.userId())
                    .setParameter("at", Timestamp.from(clock.instant())).executeUpdate();
            return describe(v);
        });
    }

    /** Takes the grant back: new jobs of that lab naming the version are refused, running ones finish. */
    public SharingDto revoke(UUID labId, UUID modelId, int n, UUID granteeLabId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ModelVersionEntity v = version(labId, modelId, n, Role.OWNER);
            em.createNativeQuery("delete from model_version_grant where model_version_id = :v and grantee_lab_id = :lab")
                    .setParameter("v", v.id).setParameter("lab", granteeLabId).executeUpdate();
            return describe(v);
        });
    }

    /** {@code PUBLIC} or {@code PRIVATE}; grants are kept either way (a private version with grants is SHARED). */
    public SharingDto visibility(UUID labId, UUID modelId, int n, Visibility visibility) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ModelVersionEntity v = version(labId, modelId, n, Role.OWNER); // who may ask comes before what is asked
            if (visibility == null || visibility == Visibility.SHARED) {
                throw new ApiException(400, "sharing.invalid-visibility", "visibility must be PUBLIC or PRIVATE;"
                        + " share with a lab by PUT .../grants/{labId}.", Map.of("field", "visibility"));
            }
            if (visibility == Visibility.PUBLIC) {
                publishing.require(v);
            }
            em.createNativeQuery("update model_version set visibility = :vis where id = :id")
                    .setParameter("vis", visibility.name()).setParameter("id", v.id).executeUpdate();
            em.refresh(v);
            return describe(v);
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
                .filter(v -> "PUBLIC".equals(v.visibility) || labs.stream().anyMatch(lab -> granted(v.id, lab)))
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
                .filter(v -> "PUBLIC".equals(v.visibility) || granted(v.id, labId));
    }

    private static boolean granted(UUID versionId, UUID labId) {
        return ((Number) ModelVersionEntity.getEntityManager().createNativeQuery(
                        "select count(*) from model_version_grant where model_version_id = :v and grantee_lab_id = :lab")
                .setParameter("v", versionId).setParameter("lab", labId).getSingleResult()).longValue() > 0;
    }

    private ModelVersionEntity version(UUID labId, UUID modelId, int n, Role minimum) {
        access.require(labId, minimum, "model", modelId);
        ModelEntity model = ModelEntity.inLab(labId, modelId).orElseThrow(() -> ApiException.notFound("model", modelId));
        return ModelVersionEntity.of(model.id, n).orElseThrow(() -> new ApiException(404, "not-found",
                "Model '" + model.name + "' has no version " + n + ".",
                Map.of("resource", "model version", "id", modelId + "/" + n)));
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        return value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
    }

    @SuppressWarnings("unchecked")
    private SharingDto describe(ModelVersionEntity v) {
        List<Object[]> rows = em.createNativeQuery("select g.grantee_lab_id, l.name, g.granted_by, g.granted_at"
                        + " from model_version_grant g join lab l on l.id = g.grantee_lab_id"
                        + " where g.model_version_id = :v order by g.granted_at, g.grantee_lab_id")
                .setParameter("v", v.id).getResultList();
        List<GrantDto> grants = rows.stream().map(r -> new GrantDto((UUID) r[0], (String) r[1], (UUID) r[2],
                instant(r[3]))).toList();
        Visibility visibility = "PUBLIC".equals(v.visibility) ? Visibility.PUBLIC
                : grants.isEmpty() ? Visibility.PRIVATE : Visibility.SHARED;
        return new SharingDto(visibility, grants);
    }
}
