package org.labscale.api.model.bioimageio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.labscale.api.common.ApiException;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.api.job.persistence.JobEntity;
import org.labscale.api.lab.persistence.MembershipEntity;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.model.persistence.ModelEntity;
import org.labscale.api.model.persistence.ModelVersionEntity;
import org.labscale.api.model.service.ModelService;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.trainingset.persistence.TrainingSetItemEntity;
import org.labscale.api.trainingset.persistence.TrainingSetVersionEntity;
import org.labscale.bioimageio.ModelPackage;
import org.labscale.bioimageio.export.PackageExporter;
import org.labscale.bioimageio.npy.Npy;
import org.labscale.bioimageio.rdf.ModelRdf;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageFile;
import org.labscale.shared.account.Role;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingSetRef;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.model.ModelVersionDto;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A model version as a bioimage.io package ({@link PackageExporter}): whoever may read the version may export it
 * (others get the 404 of a missing model). The card must carry a valid licence and an author (400
 * {@code bioimageio.card-incomplete} naming what is missing). The test input is the version's stored test input, or
 * else the centre (at most {@value #CROP} px square) of the first stored image of its training sets that has the
 * card's channel roles; the first export by a member of the version's lab stores test input, test output and cover
 * with the version, for publishing (a reader's export, from another lab or a viewer, writes nothing).
 * An imported version exports the package it came from.
 */
@ApplicationScoped
public class BioimageioExport {

    static final int CROP = 256;

    @Inject
    ModelService models;

    @Inject
    VersionFiles files;

    @Inject
    ObjectStore store;

    @Inject
    ObjectMapper mapper;

    @Inject
    LabAccess access;

    /** A package: its file name and bytes. */
    public record Exported(String fileName, byte[] zip) {
    }

    /** What an export reads from the database and the store. */
    private record Inputs(ModelVersionEntity version, String modelName, ModelCard card, List<byte[]> members,
                          List<FloatPlane> image, byte[] importedPackage) {
    }

    public Exported export(UUID labId, UUID modelId, int n) {
        ModelVersionDto dto = models.version(labId, modelId, n); // the access rule: 404 for whoever may not read it
        Inputs in = QuarkusTransaction.requiringNew().call(() -> inputs(dto.id(), true));
        String fileName = in.modelName().replaceAll("[^A-Za-z0-9._-]", "_") + "-v" + n + ".bioimageio.zip";
        if (in.importedPackage() != null) {
            return new Exported(fileName, in.importedPackage());
        }
        ModelPackage p = build(in);
        // Only those who may change the version's lab keep the files with it; a reader's export writes nothing.
        boolean writer = QuarkusTransaction.requiringNew().call(() -> MembershipEntity.of(in.version().labId,
                access.userId()).filter(m -> m.role.atLeast(Role.MEMBER)).isPresent());
        if (writer) {
            keep(in.version(), p);
        }
        return new Exported(fileName, p.toZip());
    }

    /**
     * The stored test input and output of a version Labscale trained, made (by an export that is not returned) when
     * the version has none yet. For publishing.
     */
    void ensureTestFiles(UUID versionId) {
        Inputs in = QuarkusTransaction.requiringNew().call(() -> inputs(versionId, false));
        if (in.importedPackage() == null) {
            keep(in.version(), build(in));
        }
    }

    private Inputs inputs(UUID versionId, boolean requireCard) {
        ModelVersionEntity v = ModelVersionEntity.findById(versionId);
        ModelEntity model = ModelEntity.findById(v.modelId);
        ModelCard card = mapper.convertValue(v.card, ModelCard.class);
        if (CardCheck.imported(card)) {
            return new Inputs(v, model.name, card, List.of(), List.of(),
                    files.file(v.labId, v.id, VersionFiles.PACKAGE).orElseThrow(() -> new IllegalStateException(
                            "BUG: imported version " + v.id + " has no stored package")));
        }
        List<String> missing = CardCheck.forExport(card);
        if (requireCard && !missing.isEmpty()) {
            throw new ApiException(400, "bioimageio.card-incomplete", "A bioimage.io package needs what the model"
                    + " card lacks: " + String.join("; ", missing) + ".", Map.of("missing", missing));
        }
        List<FloatPlane> image = files.file(v.labId, v.id, VersionFiles.TEST_INPUT).map(BioimageioExport::planes)
                .orElseGet(() -> trainingImage(v.labId, card, trainingSets(v, card)));
        return new Inputs(v, model.name, card, files.members(v.labId, v.id), image, null);
    }

    private ModelPackage build(Inputs in) {
        ModelCard card = in.card();
        List<ModelRdf.Author> authors = card.authors() == null ? List.of() : card.authors().stream()
                .filter(a -> a != null && !a.isBlank()).map(a -> new ModelRdf.Author(a, null, null)).toList();
        Map<String, Object> labscale = new LinkedHashMap<>();
        labscale.put("modelVersionId", in.version().id.toString());
        labscale.put("modelVersion", in.version().versionNumber);
        if (card.validationMetrics() != null) {
            labscale.put("validationMetrics", card.validationMetrics());
        }
        if (card.recommendedPostProcessing() != null) {
            labscale.put("recommendedPostProcessing", mapper.convertValue(card.recommendedPostProcessing(), Map.class));
        }
        String name = in.modelName() + " v" + in.version().versionNumber;
        PackageExporter.Description d = new PackageExporter.Description(name.length() < 5 ? name + " model" : name,
                card.description(), authors, card.licence(), List.of(PackageExporter.METHOD),
                List.of("labscale", "segmentation"), in.version().versionNumber + ".0.0", null, labscale);
        ModelPackage p;
        try {
            p = PackageExporter.export(d, in.members(), in.image());
        } catch (PackageExporter.ExportFailed e) {
            throw new IllegalStateException("Export of model version " + in.version().id + " failed: "
                    + e.getMessage(), e);
        }
        return p;
    }

    /** Stores the package's test input, test output and cover with the version (in the version's lab). */
    private void keep(ModelVersionEntity v, ModelPackage p) {
        QuarkusTransaction.requiringNew().run(() -> {
            files.put(v.labId, v.id, VersionFiles.TEST_INPUT, p.files().get(PackageExporter.TEST_INPUT));
            files.put(v.labId, v.id, VersionFiles.TEST_OUTPUT, p.files().get(PackageExporter.TEST_OUTPUT));
            files.put(v.labId, v.id, VersionFiles.COVER, p.files().get(PackageExporter.COVER));
        });
    }

    private static List<FloatPlane> planes(byte[] npy) {
        try {
            Npy.Tensor t = Npy.read(npy);
            int c = (int) t.shape()[1];
            int h = (int) t.shape()[2];
            int w = (int) t.shape()[3];
            List<FloatPlane> planes = new ArrayList<>();
            for (int i = 0; i < c; i++) {
                float[] p = new float[w * h];
                System.arraycopy(t.data(), i * w * h, p, 0, w * h);
                planes.add(new FloatPlane(w, h, p));
            }
            return planes;
        } catch (Npy.NpyException e) {
            throw new IllegalStateException("BUG: a stored test input is not an .npy: " + e.getMessage(), e);
        }
    }

    /** The training-set versions the card names, else those of the TRAINING job's payload (latest when unpinned). */
    private List<TrainingSetRef> trainingSets(ModelVersionEntity v, ModelCard card) {
        List<TrainingSetRef> refs = new ArrayList<>();
        if (card.trainingSets() != null) {
            card.trainingSets().forEach(td -> refs.add(new TrainingSetRef(td.trainingSetId(), td.version())));
        }
        JobEntity job = v.jobId == null ? null : JobEntity.findById(v.jobId);
        if (job != null && job.payload != null) {
            TrainingPayload payload = mapper.convertValue(job.payload, TrainingPayload.class);
            if (payload.trainingSets() != null) {
                refs.addAll(payload.trainingSets());
            }
        }
        return refs;
    }

    /** The centre crop of the first stored image of those training sets that has every channel role. */
    private List<FloatPlane> trainingImage(UUID labId, ModelCard card, List<TrainingSetRef> sets) {
        int least = card.receptiveField() / 2 + 1;
        for (TrainingSetRef ref : sets) {
            Optional<TrainingSetVersionEntity> tsv = (ref.version() != null
                    ? TrainingSetVersionEntity.of(ref.trainingSetId(), ref.version())
                    : TrainingSetVersionEntity.<TrainingSetVersionEntity>find(
                            "trainingSetId = ?1 order by versionNumber desc", ref.trainingSetId()).firstResultOptional())
                    .filter(t -> t.labId.equals(labId));
            if (tsv.isEmpty()) {
                continue;
            }
            List<TrainingSetItemEntity> items = TrainingSetItemEntity.list(
                    "trainingSetVersionId = ?1 order by position", tsv.get().id);
            for (TrainingSetItemEntity item : items) {
                ImageEntity image = ImageEntity.findById(item.imageId);
                List<Integer> channels = new ArrayList<>();
                for (String role : card.channels()) {
                    item.channelRoles.entrySet().stream().filter(e -> role.equals(e.getValue())).findFirst()
                            .ifPresent(e -> channels.add(Integer.parseInt(e.getKey())));
                }
                if (image == null || !image.labId.equals(labId) || channels.size() != card.channels().size()
                        || image.width < least || image.height < least) {
                    continue;
                }
                return crop(read(image, channels));
            }
        }
        throw new ApiException(409, "bioimageio.no-test-image", "No stored image of the version's training sets has"
                + " the channels " + card.channels() + " and at least " + least + " px on each side; the package"
                + " needs one as its test input.", Map.of());
    }

    private List<FloatPlane> read(ImageEntity image, List<Integer> channels) {
        try {
            Path tmp = Files.createTempFile("labscale-export-", ".img");
            try {
                try (InputStream in = store.open(image.objectKey)) {
                    Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                List<FloatPlane> planes = new ArrayList<>();
                try (ImageFile file = ImageFile.open(tmp, image.pageMode == null ? PageMode.CHANNELS
                        : PageMode.valueOf(image.pageMode.name()))) {
                    for (int c : channels) {
                        planes.add(file.readPlane(c, 0));
                    }
                }
                return planes;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading image " + image.id + " for an export failed", e);
        } catch (ImageRejectedException e) {
            throw new IllegalStateException("stored image " + image.id + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<FloatPlane> crop(List<FloatPlane> planes) {
        int w = planes.get(0).width();
        int h = planes.get(0).height();
        int cw = Math.min(CROP, w);
        int ch = Math.min(CROP, h);
        int x0 = (w - cw) / 2;
        int y0 = (h - ch) / 2;
        List<FloatPlane> out = new ArrayList<>();
        for (FloatPlane p : planes) {
            float[] c = new float[cw * ch];
            for (int y = 0; y < ch; y++) {
                System.arraycopy(p.pixels(), (y0 + y) * w + x0, c, y * cw, cw);
            }
            out.add(new FloatPlane(cw, ch, c));
        }
        return out;
    }
}
