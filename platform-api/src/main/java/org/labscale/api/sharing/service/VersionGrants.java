package org.labscale.api.sharing.service;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.hibernate.orm.panache.Panache;

import org.labscale.api.common.ApiException;
import org.labscale.api.lab.persistence.LabEntity;
import org.labscale.shared.sharing.GrantDto;
import org.labscale.shared.sharing.SharingDto;
import org.labscale.shared.sharing.Visibility;

/**
 * The sharing mechanism of one version, whatever its kind: a stored visibility ({@code PRIVATE} or {@code PUBLIC})
 * and grants to named labs; {@code SHARED} is a private version with grants. Callers check who may ask (the owning
 * lab's roles) first; everything here runs in the caller's transaction.
 */
@ApplicationScoped
public class VersionGrants {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Lets {@code granteeLabId} read and use the version; granting twice keeps the first grant. */
    public SharingDto grant(SharedKind kind, UUID ownerLabId, UUID versionId, UUID granteeLabId, UUID grantedBy) {
        if (granteeLabId.equals(ownerLabId)) {
            throw ApiException.badRequest("sharing.own-lab", "A lab always sees its own " + kind.resource
                    + "s; grant another lab.");
        }
        if (LabEntity.findById(granteeLabId) == null) {
            throw ApiException.notFound("lab", granteeLabId);
        }
        em.createNativeQuery("insert into " + kind.grantTable + " (" + kind.grantColumn + ", grantee_lab_id,"
                        + " granted_by, granted_at) values (:v, :lab, :by, :at) on conflict do nothing")
                .setParameter("v", versionId).setParameter("lab", granteeLabId).setParameter("by", grantedBy)
                .setParameter("at", Timestamp.from(clock.instant())).executeUpdate();
        return describe(kind, versionId);
    }

    /** Takes a grant back (idempotent). */
    public SharingDto revoke(SharedKind kind, UUID versionId, UUID granteeLabId) {
        em.createNativeQuery("delete from " + kind.grantTable + " where " + kind.grantColumn + " = :v"
                        + " and grantee_lab_id = :lab")
                .setParameter("v", versionId).setParameter("lab", granteeLabId).executeUpdate();
        return describe(kind, versionId);
    }

    /** {@code PUBLIC} or {@code PRIVATE}; grants are kept either way. */
    public SharingDto visibility(SharedKind kind, UUID versionId, Visibility visibility) {
        if (visibility == null || visibility == Visibility.SHARED) {
            throw new ApiException(400, "sharing.invalid-visibility", "visibility must be PUBLIC or PRIVATE;"
                    + " share with a lab by PUT .../grants/{labId}.", Map.of("field", "visibility"));
        }
        em.createNativeQuery("update " + kind.versionTable + " set visibility = :vis where id = :id")
                .setParameter("vis", visibility.name()).setParameter("id", versionId).executeUpdate();
        return describe(kind, versionId);
    }

    /** Whether a lab outside the owning one may read and use the version: it is public or one of the labs holds a grant. */
    public static boolean visibleTo(SharedKind kind, UUID versionId, Collection<UUID> labs) {
        if (isPublic(kind, versionId)) {
            return true;
        }
        if (labs.isEmpty()) {
            return false;
        }
        return ((Number) Panache.getEntityManager().createNativeQuery("select count(*) from " + kind.grantTable + " where "
                        + kind.grantColumn + " = :v and grantee_lab_id in (:labs)")
                .setParameter("v", versionId).setParameter("labs", labs).getSingleResult()).longValue() > 0;
    }

    /** Of {@code versionIds}, those that some lab holds a grant to (one query; for lists of versions). */
    @SuppressWarnings("unchecked")
    public static Set<UUID> withGrants(SharedKind kind, Collection<UUID> versionIds) {
        if (versionIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(Panache.getEntityManager().createNativeQuery("select distinct " + kind.grantColumn
                + " from " + kind.grantTable + " where " + kind.grantColumn + " in (:ids)", UUID.class)
                .setParameter("ids", versionIds).getResultList());
    }

    /** The labs holding a grant now. */
    @SuppressWarnings("unchecked")
    public List<UUID> grantees(SharedKind kind, UUID versionId) {
        return em.createNativeQuery("select grantee_lab_id from " + kind.grantTable + " where " + kind.grantColumn
                + " = :v", UUID.class).setParameter("v", versionId).getResultList();
    }

    private static boolean isPublic(SharedKind kind, UUID versionId) {
        List<?> rows = Panache.getEntityManager().createNativeQuery("select visibility from " + kind.versionTable + " where id = :id")
                .setParameter("id", versionId).getResultList();
        return !rows.isEmpty() && "PUBLIC".equals(rows.get(0));
    }

    /** The version's effective visibility and its grants, oldest first. */
    @SuppressWarnings("unchecked")
    public SharingDto describe(SharedKind kind, UUID versionId) {
        List<Object[]> rows = em.createNativeQuery("select g.grantee_lab_id, l.name, g.granted_by, g.granted_at"
                        + " from " + kind.grantTable + " g join lab l on l.id = g.grantee_lab_id"
                        + " where g." + kind.grantColumn + " = :v order by g.granted_at, g.grantee_lab_id")
                .setParameter("v", versionId).getResultList();
        List<GrantDto> grants = rows.stream().map(r -> new GrantDto((UUID) r[0], (String) r[1], (UUID) r[2],
                SqlValues.instant(r[3]))).toList();
        Visibility visibility = isPublic(kind, versionId) ? Visibility.PUBLIC
                : grants.isEmpty() ? Visibility.PRIVATE : Visibility.SHARED;
        return new SharingDto(visibility, grants);
    }

}
