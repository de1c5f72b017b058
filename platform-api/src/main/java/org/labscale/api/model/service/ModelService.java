package org.labscale.api.model.service;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;

import org.labscale.api.common.ApiException;
import org.labscale.api.common.Paging;
import org.labscale.api.image.service.LabBlobs;
import org.labscale.api.image.service.StorageKeys;
import org.labscale.api.lab.persistence.MembershipEntity;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.model.persistence.ModelEntity;
import org.labscale.api.model.persistence.ModelMemberEntity;
import org.labscale.api.model.persistence.ModelVersionEntity;
import org.labscale.api.sharing.service.ModelSharing;
import org.labscale.api.sharing.service.SharedKind;
import org.labscale.api.sharing.service.VersionUsers;
import org.labscale.shared.account.Role;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.model.ModelDto;
import org.labscale.shared.model.ModelMemberDto;
import org.labscale.shared.model.ModelVersionDto;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The model registry as users see it: a lab's models, their versions with cards and members, member downloads, and
 * deleting a version. Viewers read, members delete; a stranger (or a foreign model id) gets the 404 of a missing
 * model. Versions are created only by {@link ModelRegistration} when a TRAINING job completes.
 */
@ApplicationScoped
public class ModelService {

    @Inject
    Clock clock;

    @Inject
    LabAccess access;

    @Inject
    EntityManager em;

    @Inject
    LabBlobs blobs;

    @Inject
    ObjectMapper mapper;

    @Inject
    ModelSharing sharing;

    @Inject
    VersionUsers usersOf;

    /** Where a member's bytes are, and the file name a download should get. */
    public record StoredMember(String key, String fileName) {
    }

    public PageDto<ModelDto> list(UUID labId, Paging paging) {
        return QuarkusTransaction.requiringNew().call(() -> {
            access.requireLab(labId, Role.VIEWER);
            return paging.apply(ModelEntity.<ModelEntity>find("labId = ?1 order by lower(name), id", labId),
                    ModelService::toDto);
        });
    }

    public ModelDto get(UUID labId, UUID modelId) {
        return QuarkusTransaction.requiringNew().call(() -> toDto(require(labId, modelId, Role.VIEWER)));
    }

    /** A model's versions, newest first. */
    public PageDto<ModelVersionDto> versions(UUID labId, UUID modelId, Paging paging) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ModelEntity model = require(labId, modelId, Role.VIEWER);
            var query = ModelVersionEntity.<ModelVersionEntity>find("modelId = ?1 order by versionNumber desc",
                    model.id);
            List<ModelVersionEntity> page = query.page(Page.of(paging.page(), paging.size())).list();
            return new PageDto<>(page.stream().map(this::toDto).toList(), paging.page(), paging.size(),
                    query.count());
        });
    }

    /** Version {@code n}, also for a caller outside the lab when the version is public or granted to one of theirs. */
    public ModelVersionDto version(UUID labId, UUID modelId, int n) {
        return QuarkusTransaction.requiringNew().call(() -> toDto(
                MembershipEntity.of(labId, access.userId()).isPresent()
                        ? version(require(labId, modelId, Role.VIEWER), n)
                        : sharing.readableByCaller(labId, modelId, n)));
    }

    public StoredMember member(UUID labId, UUID modelId, int n, int index) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ModelEntity model = require(labId, modelId, Role.VIEWER);
            ModelVersionEntity v = version(model, n);
            ModelMemberEntity member = ModelMemberEntity.<ModelMemberEntity>find(
                    "modelVersionId = ?1 and memberIndex = ?2", v.id, index).firstResultOptional()
                    .orElseThrow(() -> new ApiException(404, "not-found", "Version " + n + " of model '" + model.name
                            + "' has no member " + index + "; its members are 0.."
                            + (ModelMemberEntity.count("modelVersionId", v.id) - 1) + ".",
                            Map.of("resource", "model member", "id", modelId + "/" + n + "/" + index)));
            return new StoredMember(StorageKeys.blob(labId, member.sha256),
                    model.name.replaceAll("[^A-Za-z0-9._-]", "_") + "-v" + n + "-member-" + index + ".onnx");
        });
    }

    /**
     * Deletes version {@code n} and, once that committed, its member files unless another row of the lab still uses
     * the same bytes. Refused with 409 {@code model.in-use} while a queued or running job (of any lab) uses the
     * version or another lab holds a fork of it ({@link VersionUsers}). The model goes with its last version.
     */
    public void deleteVersion(UUID labId, UUID modelId, int n) {
        Set<String> shas = QuarkusTransaction.requiringNew().call(() -> {
            ModelEntity model = require(labId, modelId, Role.MEMBER);
            // Serialises with registration (which locks the model row to number a new version) and other deletes.
            em.lock(model, LockModeType.PESSIMISTIC_WRITE);
            ModelVersionEntity v = version(model, n);
            List<UUID> users = ModelUse.activeJobs(em, labId, modelId, n, model.latestVersion);
            if (!users.isEmpty()) {
                throw new ApiException(409, "model.in-use", "Version " + n + " of model '" + model.name + "' is used by "
                        + users.size() + " queued or running job(s) (" + users.get(0) + (users.size() > 1 ? ", ..." : "")
                        + "); wait for them to end or cancel them first.",
                        Map.of("jobIds", users.stream().map(UUID::toString).toList()));
            }
            usersOf.refuseIfUsed(SharedKind.MODEL, labId, v.id, usersOf.ofModel(labId, modelId, v.id, n,
                    model.latestVersion), "model.in-use", "Version " + n + " of model '" + model.name + "'");
            Set<String> memberShas = new LinkedHashSet<>();
            ModelMemberEntity.ofVersion(v.id).forEach(m -> memberShas.add(m.sha256));
            v.delete(); // members go with it (ON DELETE CASCADE)
            em.flush();
            Number latest = (Number) em.createNativeQuery(
                    "select coalesce(max(version_number), 0) from model_version where model_id = :id")
                    .setParameter("id", model.id).getSingleResult();
            if (latest.intValue() == 0) {
                model.delete();
            } else {
                model.latestVersion = latest.intValue();
                model.updatedAt = clock.instant();
            }
            return memberShas;
        });
        shas.forEach(sha -> blobs.collect(labId, sha));
    }

    /** The model if it is in {@code labId} and the caller holds {@code minimum} there; one 404 otherwise. */
    public ModelEntity require(UUID labId, UUID modelId, Role minimum) {
        access.require(labId, minimum, "model", modelId);
        return ModelEntity.inLab(labId, modelId).orElseThrow(() -> ApiException.notFound("model", modelId));
    }

    private static ModelVersionEntity version(ModelEntity model, int n) {
        return ModelVersionEntity.of(model.id, n).orElseThrow(() -> new ApiException(404, "not-found",
                "Model '" + model.name + "' has no version " + n + (model.latestVersion > 0
                ? "; its latest is " + model.latestVersion : "") + ".",
                Map.of("resource", "model version", "id", model.id + "/" + n)));
    }

    public static ModelDto toDto(ModelEntity m) {
        return new ModelDto(m.id, m.labId, m.name, m.description, m.latestVersion, m.createdAt);
    }

    /** A version with its card and members (in the caller's transaction; no access check). */
    public ModelVersionDto toDto(ModelVersionEntity v) {
        List<ModelMemberDto> members = ModelMemberEntity.ofVersion(v.id).stream()
                .map(m -> new ModelMemberDto(m.memberIndex, m.sha256, m.sizeBytes)).toList();
        return new ModelVersionDto(v.id, v.modelId, v.versionNumber, v.jobId,
                mapper.convertValue(v.card, ModelCard.class), members, v.createdAt);
    }
}
