package org.labscale.api.sharing.service;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.labscale.api.common.ApiException;
import org.labscale.api.common.Texts;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.model.persistence.ModelVersionEntity;
import org.labscale.shared.account.Role;
import org.labscale.shared.sharing.DeprecationDto;

/**
 * Deprecating a model version (members of its lab): it stays usable by jobs that name it and readable by id, but
 * zoo searches hide it unless asked, and the model's latest pointer skips it.
 */
@ApplicationScoped
public class ModelDeprecation {

    @Inject
    ModelSharing sharing;

    @Inject
    LabAccess access;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional
    public DeprecationDto get(UUID labId, UUID modelId, int n) {
        return describe(sharing.version(labId, modelId, n, Role.VIEWER));
    }

    @Transactional
    public DeprecationDto deprecate(UUID labId, UUID modelId, int n, String reason) {
        ModelVersionEntity v = sharing.version(labId, modelId, n, Role.MEMBER);
        String why = Texts.required(reason, "reason", 2000);
        em.createNativeQuery("update model_version set deprecated_reason = :reason, deprecated_at = :at,"
                        + " deprecated_by = :by where id = :id")
                .setParameter("reason", why).setParameter("at", Timestamp.from(clock.instant()))
                .setParameter("by", access.userId()).setParameter("id", v.id).executeUpdate();
        return describe(v);
    }

    @Transactional
    public DeprecationDto undeprecate(UUID labId, UUID modelId, int n) {
        ModelVersionEntity v = sharing.version(labId, modelId, n, Role.MEMBER);
        em.createNativeQuery("update model_version set deprecated_reason = null, deprecated_at = null,"
                + " deprecated_by = null where id = :id").setParameter("id", v.id).executeUpdate();
        return describe(v);
    }

    private DeprecationDto describe(ModelVersionEntity v) {
        Object[] row = (Object[]) em.createNativeQuery("select deprecated_reason, deprecated_at, deprecated_by,"
                        + " (select max(version_number) from model_version where model_id = :model"
                        + " and deprecated_at is null) from model_version where id = :id")
                .setParameter("model", v.modelId).setParameter("id", v.id).getSingleResult();
        if (row == null) {
            throw ApiException.notFound("model", v.modelId);
        }
        return new DeprecationDto(row[0] != null, (String) row[0], SqlValues.instant(row[1]), (UUID) row[2],
                row[3] == null ? null : ((Number) row[3]).intValue());
    }

}
