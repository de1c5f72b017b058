package org.labscale.api.sharing.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.labscale.api.common.ApiException;
import org.labscale.api.lab.persistence.LabEntity;

/**
 * Who else still depends on a version its lab wants to delete: queued or running jobs of any lab naming it, models
 * other labs derived from it (a training-set version their cards name) and other labs' forks of it. Deleting is then
 * refused (409) rather than soft-deleted: a queued job would otherwise fail, and the owning lab decides when to ask
 * the others. The answer names a lab only where the deleting lab can see it (its own, and labs holding a grant to the
 * version); the others are counted.
 */
@ApplicationScoped
public class VersionUsers {

    private static final String MODEL_JOBS = """
            select lab_id from job
            where state in ('QUEUED', 'RUNNING') and kind in ('SEGMENTATION', 'TRACKING')
              and ((payload->>'modelId' = :id and coalesce((payload->>'modelVersion')::int, :latest) = :n)
                or (payload->>'nuclearModelId' = :id and coalesce((payload->>'nuclearModelVersion')::int, :latest) = :n)
                or (payload->'ktr'->>'cytoplasmModelId' = :id
                    and coalesce((payload->'ktr'->>'cytoplasmModelVersion')::int, :latest) = :n))
            """;
    private static final String TRAINING_JOBS = """
            select lab_id from job
            where state in ('QUEUED', 'RUNNING') and kind = 'TRAINING'
              and payload->'trainingSets' @> cast(:ref as jsonb)
            """;
    private static final String DERIVED = """
            select lab_id from model_version where lab_id <> :owner and card->'trainingSets' @> cast(:ref as jsonb)
            """;

    @Inject
    EntityManager em;

    @Inject
    VersionGrants grants;

    /** Who uses a version: lab ids of the jobs, derived models and forks (one entry each). */
    public record Users(List<UUID> jobs, List<UUID> derived, List<UUID> forks) {

        boolean none() {
            return jobs.isEmpty() && derived.isEmpty() && forks.isEmpty();
        }
    }

    /** Users of version {@code n} of a model ({@code latest}: the model's latest, for jobs that named none). */
    public Users ofModel(UUID ownerLabId, UUID modelId, UUID versionId, int n, int latest) {
        return new Users(labs(em.createNativeQuery(MODEL_JOBS, UUID.class).setParameter("id", modelId.toString())
                .setParameter("latest", latest).setParameter("n", n).getResultList()), List.of(),
                forks("model", ownerLabId, versionId));
    }

    /** Users of a training-set version. */
    public Users ofTrainingSet(UUID ownerLabId, UUID setId, UUID versionId, int n) {
        String ref = "[{\"trainingSetId\":\"" + setId + "\",\"version\":" + n + "}]";
        return new Users(labs(em.createNativeQuery(TRAINING_JOBS, UUID.class).setParameter("ref", ref).getResultList()),
                labs(em.createNativeQuery(DERIVED, UUID.class).setParameter("owner", ownerLabId)
                        .setParameter("ref", ref).getResultList()),
                forks("training_set", ownerLabId, versionId));
    }

    /**
     * Throws 409 {@code code} when anyone uses the version.
     *
     * @param what e.g. "Version 2 of model 'Nuclei'"
     */
    public void refuseIfUsed(SharedKind kind, UUID ownerLabId, UUID versionId, Users users, String code, String what) {
        if (users.none()) {
            return;
        }
        Set<UUID> visible = new HashSet<>(grants.grantees(kind, versionId));
        visible.add(ownerLabId);
        Set<UUID> all = new HashSet<>();
        all.addAll(users.jobs());
        all.addAll(users.derived());
        all.addAll(users.forks());
        TreeSet<String> names = new TreeSet<>();
        int hidden = 0;
        for (UUID lab : all) {
            LabEntity entity = visible.contains(lab) ? LabEntity.findById(lab) : null;
            if (entity == null) {
                hidden++;
            } else {
                names.add(entity.name);
            }
        }
        List<String> parts = new ArrayList<>();
        if (!users.jobs().isEmpty()) {
            parts.add(users.jobs().size() + " queued or running job(s)");
        }
        if (!users.derived().isEmpty()) {
            parts.add(users.derived().size() + " model version(s) trained on it in other labs");
        }
        if (!users.forks().isEmpty()) {
            parts.add(users.forks().size() + " fork(s) in other labs");
        }
        List<String> who = new ArrayList<>(names);
        if (hidden > 0) {
            who.add(hidden + " other lab(s)");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("jobs", users.jobs().size());
        details.put("derivedModels", users.derived().size());
        details.put("forks", users.forks().size());
        details.put("labs", List.copyOf(names));
        details.put("otherLabs", hidden);
        throw new ApiException(409, code, what + " is in use: " + String.join(", ", parts) + ", by "
                + String.join(" and ", who) + ". Wait for the jobs to end or cancel them; derived models and forks"
                + " keep it in use.", details);
    }

    private List<UUID> forks(String table, UUID ownerLabId, UUID versionId) {
        return labs(em.createNativeQuery("select lab_id from " + table + " where origin->>'versionId' = :v"
                        + " and lab_id <> :owner", UUID.class)
                .setParameter("v", versionId.toString()).setParameter("owner", ownerLabId).getResultList());
    }

    @SuppressWarnings("unchecked")
    private static List<UUID> labs(List<?> rows) {
        return (List<UUID>) rows;
    }
}
