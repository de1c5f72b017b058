package org.labscale.api.sharing.service;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.labscale.api.common.ApiException;
import org.labscale.api.common.NameLock;
import org.labscale.api.common.Hashing;
import org.labscale.api.common.Texts;
import org.labscale.api.image.service.LabBlobs;
import org.labscale.api.image.service.StorageKeys;
import org.labscale.api.lab.persistence.LabEntity;
import org.labscale.api.lab.persistence.MembershipEntity;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.model.persistence.ModelEntity;
import org.labscale.api.model.persistence.ModelMemberEntity;
import org.labscale.api.model.persistence.ModelVersionEntity;
import org.labscale.shared.account.Role;
import org.labscale.shared.sharing.ForkDto;
import org.labscale.shared.sharing.ForkRequest;
import org.labscale.shared.sharing.OriginDto;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Forks a model version into the caller's lab: a new model whose version 1 has the origin's card and members, and
 * which remembers its origin ({@link OriginDto}). The members are copied server-side (S3 copy) into the lab's own
 * blobs, so the fork keeps working after the origin is deleted or stops being visible. The caller must be a member
 * of the target lab and see the version: a member of its lab, or the version is public or granted to the target lab.
 */
@ApplicationScoped
public class ModelForks {

    @Inject
    LabAccess access;

    @Inject
    EntityManager em;

    @Inject
    LabBlobs blobs;

    @Inject
    SharedUse use;

    @Inject
    ObjectMapper mapper;

    @Inject
    java.time.Clock clock;

    private record Source(OriginDto origin, String name, String description, Map<String, Object> card,
                          List<ModelMemberEntity> members) {
    }

    public ForkDto fork(UUID labId, ForkRequest request) {
        Source source = QuarkusTransaction.requiringNew().call(() -> source(labId, request));
        Set<String> written = new LinkedHashSet<>();
        try {
            for (ModelMemberEntity m : source.members()) {
                if (blobs.putIfAbsent(labId, m.sha256, blobs.fromObject(StorageKeys.blob(source.origin().labId(),
                        m.sha256)))) {
                    written.add(m.sha256);
                }
            }
            return QuarkusTransaction.requiringNew().call(() -> insert(labId, source));
        } catch (RuntimeException e) {
            written.forEach(sha -> blobs.collect(labId, sha));
            throw e;
        }
    }

    private Source source(UUID labId, ForkRequest request) {
        access.requireLab(labId, Role.MEMBER);
        if (request == null || request.sourceId() == null) {
            throw ApiException.invalidField("sourceId", "Name the model to fork in sourceId.");
        }
        if (request.version() == null || request.version() < 1) {
            throw ApiException.invalidField("version", "Name the version to fork (1 or more).");
        }
        ModelEntity model = ModelEntity.findById(request.sourceId());
        ModelVersionEntity v = model == null ? null : ModelVersionEntity.of(model.id, request.version()).orElse(null);
        boolean visible = v != null && (MembershipEntity.of(model.labId, access.userId()).isPresent()
                || VersionGrants.visibleTo(SharedKind.MODEL, v.id, List.of(labId)));
        if (!visible) {
            throw ApiException.notFound("model", request.sourceId());
        }
        String name = request.name() == null ? model.name : Texts.required(request.name(), "name", 200);
        nameFree(labId, name);
        List<ModelMemberEntity> members = ModelMemberEntity.ofVersion(v.id);
        StringBuilder shas = new StringBuilder();
        members.forEach(m -> shas.append(m.sha256).append('\n'));
        LabEntity lab = LabEntity.findById(model.labId);
        OriginDto origin = new OriginDto(model.labId, lab.name, model.id, model.name, v.versionNumber, v.id,
                Hashing.sha256Hex(shas.toString()));
        return new Source(origin, name, model.description, v.card, new ArrayList<>(members));
    }

    private static void nameFree(UUID labId, String name) {
        if (ModelEntity.count("labId = ?1 and lower(name) = ?2", labId, name.toLowerCase()) > 0) {
            throw new ApiException(409, "model.name-taken", "This lab already has a model named '" + name
                    + "'; give the fork another name.", Map.of("field", "name"));
        }
    }

    private ForkDto insert(UUID labId, Source source) throws Exception {
        access.requireLab(labId, Role.MEMBER);
        NameLock.lock("model", labId, source.name()); // a concurrent fork of the same name waits, then hears 409
        nameFree(labId, source.name());
        for (ModelMemberEntity m : source.members()) {
            blobs.lockAndEnsure(labId, m.sha256, blobs.fromObject(StorageKeys.blob(source.origin().labId(),
                    m.sha256)));
        }
        Timestamp now = Timestamp.from(clock.instant());
        UUID modelId = UUID.randomUUID();
        UUID versionId = UUID.randomUUID();
        em.createNativeQuery("insert into model (id, lab_id, name, description, latest_version, last_number,"
                        + " created_by, created_at, updated_at, origin) values (:id, :lab, :name, :description, 1, 1,"
                        + " :by, :at, :at, cast(:origin as jsonb))")
                .setParameter("id", modelId).setParameter("lab", labId).setParameter("name", source.name())
                .setParameter("description", source.description()).setParameter("by", access.userId())
                .setParameter("at", now).setParameter("origin", mapper.writeValueAsString(source.origin()))
                .executeUpdate();
        em.createNativeQuery("insert into model_version (id, model_id, lab_id, version_number, card, created_by,"
                        + " created_at) values (:id, :model, :lab, 1, cast(:card as jsonb), :by, :at)")
                .setParameter("id", versionId).setParameter("model", modelId).setParameter("lab", labId)
                .setParameter("card", mapper.writeValueAsString(source.card())).setParameter("by", access.userId())
                .setParameter("at", now).executeUpdate();
        for (ModelMemberEntity m : source.members()) {
            em.createNativeQuery("insert into model_member (model_version_id, member_index, lab_id, sha256,"
                            + " size_bytes) values (:v, :i, :lab, :sha, :size)")
                    .setParameter("v", versionId).setParameter("i", m.memberIndex).setParameter("lab", labId)
                    .setParameter("sha", m.sha256).setParameter("size", m.sizeBytes).executeUpdate();
        }
        use.record(SharedKind.MODEL, source.origin().versionId(), source.origin().labId(), labId, SharedUse.Use.FORK,
                null);
        return new ForkDto(labId, modelId, source.name(), 1, versionId, source.origin());
    }
}
