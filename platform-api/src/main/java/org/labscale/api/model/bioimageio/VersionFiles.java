package org.labscale.api.model.bioimageio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.labscale.api.image.service.LabBlobs;
import org.labscale.api.image.service.StorageKeys;
import org.labscale.api.model.persistence.ModelMemberEntity;
import org.labscale.api.storage.ObjectStore;
import org.labscale.bioimageio.ModelPackage;

/**
 * The bytes a model version keeps: its ONNX members, and the files of table {@code model_version_file} (stored test
 * tensors, cover, an imported package). All are content-addressed blobs of the version's lab.
 */
@ApplicationScoped
public class VersionFiles {

    public static final String TEST_INPUT = "test_input.npy";
    public static final String TEST_OUTPUT = "test_output.npy";
    public static final String COVER = "cover";
    public static final String PACKAGE = "package.zip";

    @Inject
    EntityManager em;

    @Inject
    ObjectStore store;

    @Inject
    LabBlobs blobs;

    /** The members' bytes in member order (in the caller's transaction). */
    public List<byte[]> members(UUID labId, UUID versionId) {
        return ModelMemberEntity.ofVersion(versionId).stream().map(m -> read(labId, m.sha256)).toList();
    }

    /** A file of the version, if it has one (in the caller's transaction). */
    public Optional<byte[]> file(UUID labId, UUID versionId, String name) {
        @SuppressWarnings("unchecked")
        List<String> shas = em.createNativeQuery("select sha256 from model_version_file where model_version_id = :v"
                        + " and name = :name").setParameter("v", versionId).setParameter("name", name).getResultList();
        return shas.stream().findFirst().map(sha -> read(labId, sha));
    }

    /**
     * Writes the blob (if absent) and, in the caller's transaction, the row (a second writer of the same name keeps
     * the first row).
     */
    public void put(UUID labId, UUID versionId, String name, byte[] bytes) {
        String sha = ModelPackage.sha256(bytes);
        blobs.lockAndEnsure(labId, sha, key -> store.putBytes(key, bytes, "application/octet-stream"));
        em.createNativeQuery("insert into model_version_file (model_version_id, name, lab_id, sha256, size_bytes)"
                        + " values (:v, :name, :lab, :sha, :size) on conflict do nothing")
                .setParameter("v", versionId).setParameter("name", name).setParameter("lab", labId)
                .setParameter("sha", sha).setParameter("size", (long) bytes.length).executeUpdate();
    }

    private byte[] read(UUID labId, String sha256) {
        try (InputStream in = store.open(StorageKeys.blob(labId, sha256))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading blob " + sha256 + " of lab " + labId + " failed", e);
        }
    }
}
