package org.labscale.api.model.bioimageio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.labscale.api.common.ApiException;
import org.labscale.api.image.service.LabBlobs;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.model.persistence.ModelVersionEntity;
import org.labscale.api.model.service.ModelService;
import org.labscale.api.storage.ObjectStore;
import org.labscale.bioimageio.ModelPackage;
import org.labscale.bioimageio.imports.PackageImporter;
import org.labscale.bioimageio.rdf.ModelRdf;
import org.labscale.bioimageio.run.RunSpec;
import org.labscale.shared.account.Role;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.model.ModelVersionDto;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Imports a bioimage.io model package into a lab as a new version of a model (members of the lab). Everything is
 * checked before anything is written ({@link PackageImporter}: ONNX weights, 2D, supported processing, and the
 * package's test input must give its test output here); a refusal is a 400 naming the reason and leaves no row and
 * no object. The card comes from rdf.yaml (name, description, authors, licence); citations, covers, the bioimage.io id
 * and version and how to run the model ({@link RunSpec}) go in its provenance under {@value #PROVENANCE_KEY},
 * with the sentence "imported from bioimage.io id/version". The weights are member 0; the package, its test tensors
 * and cover are the version's files.
 */
@ApplicationScoped
public class BioimageioImport {

    public static final String PROVENANCE_KEY = "bioimageio";
    static final long MAX_PACKAGE_BYTES = 1024L * 1024 * 1024;

    @Inject
    LabAccess access;

    @Inject
    EntityManager em;

    @Inject
    ObjectStore store;

    @Inject
    LabBlobs blobs;

    @Inject
    VersionFiles files;

    @Inject
    ModelService models;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    /**
     * @param modelName the model to add a version to (created if absent); null: the package's name
     */
    public ModelVersionDto importPackage(UUID labId, InputStream body, String modelName) {
        QuarkusTransaction.requiringNew().run(() -> access.requireLab(labId, Role.MEMBER));
        byte[] zip;
        try {
            zip = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_PACKAGE_BYTES + 1));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the uploaded package failed", e);
        }
        if (zip.length > MAX_PACKAGE_BYTES) {
            throw ApiException.badRequest("bioimageio.too-large", "The package is larger than "
                    + MAX_PACKAGE_BYTES / (1024 * 1024) + " MiB.");
        }
        PackageImporter.Imported imported;
        try {
            imported = PackageImporter.check(ModelPackage.read(zip));
        } catch (ModelPackage.PackageException e) {
            throw ApiException.badRequest("bioimageio.invalid-package", "Not a bioimage.io model package: "
                    + e.getMessage() + ".");
        } catch (PackageImporter.Refused e) {
            throw ApiException.badRequest(e.code(), e.getMessage());
        }
        ModelRdf rdf = imported.pkg().rdf();
        String name = modelName != null && !modelName.isBlank() ? modelName.strip() : rdf.name();
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiException.invalidField("name", "The model needs a name of 1 to 200 characters; give ?name=.");
        }
        ModelCard card = card(rdf, imported.spec());
        UUID versionId = QuarkusTransaction.requiringNew().call(() -> insert(labId, name, card, imported, zip));
        return QuarkusTransaction.requiringNew().call(() -> models.toDto(
                ModelVersionEntity.<ModelVersionEntity>findById(versionId)));
    }

    private ModelCard card(ModelRdf rdf, RunSpec spec) {
        String source = (rdf.id() == null ? rdf.name() : rdf.id()) + "/" + (rdf.version() == null ? "unversioned"
                : rdf.version());
        Map<String, Object> bioimageio = new LinkedHashMap<>();
        bioimageio.put("id", rdf.id());
        bioimageio.put("version", rdf.version());
        bioimageio.put("name", rdf.name());
        bioimageio.put("cite", rdf.cite().stream().map(c -> mapper.convertValue(c, Map.class)).toList());
        bioimageio.put("covers", rdf.covers());
        bioimageio.put("runSpec", mapper.convertValue(spec, Map.class));
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("source", "imported from bioimage.io " + source);
        provenance.put(PROVENANCE_KEY, bioimageio);
        List<String> classes = spec.foregroundOnly() ? List.of("background", "interior") : spec.classes();
        List<String> authors = new ArrayList<>();
        rdf.authors().forEach(a -> authors.add(a.name()));
        String description = rdf.description() == null ? null
                : rdf.description().length() > 4000 ? rdf.description().substring(0, 4000) : rdf.description();
        return new ModelCard(ModelCard.SEMANTIC_SEGMENTATION, classes, spec.channels(), 2 * spec.halo() + 1,
                Map.of("method", "bioimageio"), null, 1, List.of(), Map.of(), List.of(), authors, rdf.license(),
                description, provenance, null);
    }

    private UUID insert(UUID labId, String name, ModelCard card, PackageImporter.Imported imported, byte[] zip) {
        UUID userId = access.userId();
        Instant now = clock.instant();
        em.createNativeQuery("insert into model (id, lab_id, name, description, created_by, created_at, updated_at)"
                        + " values (:id, :lab, :name, :description, :by, :at, :at)"
                        + " on conflict (lab_id, lower(name)) do nothing")
                .setParameter("id", UUID.randomUUID()).setParameter("lab", labId).setParameter("name", name)
                .setParameter("description", card.description()).setParameter("by", userId)
                .setParameter("at", java.sql.Timestamp.from(now)).executeUpdate();
        Object[] row = (Object[]) em.createNativeQuery("update model set last_number = last_number + 1,"
                        + " latest_version = last_number + 1, updated_at = :at where lab_id = :lab"
                        + " and lower(name) = lower(:name) returning id, last_number")
                .setParameter("at", java.sql.Timestamp.from(now)).setParameter("lab", labId)
                .setParameter("name", name).getSingleResult();
        UUID modelId = (UUID) row[0];
        int number = ((Number) row[1]).intValue();
        UUID versionId = UUID.randomUUID();
        try {
            em.createNativeQuery("insert into model_version (id, model_id, lab_id, version_number, job_id, card,"
                            + " created_by, created_at) values (:id, :model, :lab, :n, null, cast(:card as jsonb),"
                            + " :by, :at)")
                    .setParameter("id", versionId).setParameter("model", modelId).setParameter("lab", labId)
                    .setParameter("n", number).setParameter("card", mapper.writeValueAsString(card))
                    .setParameter("by", userId).setParameter("at", java.sql.Timestamp.from(now)).executeUpdate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        byte[] weights = imported.weights();
        String sha = ModelPackage.sha256(weights);
        blobs.lockAndEnsure(labId, sha, key -> store.putBytes(key, weights, "application/octet-stream"));
        em.createNativeQuery("insert into model_member (model_version_id, member_index, lab_id, sha256, size_bytes)"
                        + " values (:v, 0, :lab, :sha, :size)")
                .setParameter("v", versionId).setParameter("lab", labId).setParameter("sha", sha)
                .setParameter("size", (long) weights.length).executeUpdate();
        files.put(labId, versionId, VersionFiles.PACKAGE, zip);
        files.put(labId, versionId, VersionFiles.TEST_INPUT, imported.testInput());
        files.put(labId, versionId, VersionFiles.TEST_OUTPUT, imported.testOutput());
        if (imported.cover() != null) {
            files.put(labId, versionId, VersionFiles.COVER, imported.cover());
        }
        return versionId;
    }

    /** How to run an imported version, from its card. */
    static RunSpec runSpec(ObjectMapper mapper, ModelCard card) {
        Map<?, ?> bioimageio = (Map<?, ?>) card.provenance().get(PROVENANCE_KEY);
        return mapper.convertValue(bioimageio.get("runSpec"), RunSpec.class);
    }

}
