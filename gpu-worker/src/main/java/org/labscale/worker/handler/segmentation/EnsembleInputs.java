package org.labscale.worker.handler.segmentation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.labscale.segmentation.SegmentationException;
import org.labscale.segmentation.inference.EnsembleModel;
import org.labscale.segmentation.inference.InferenceSettings;
import org.labscale.segmentation.inference.ModelMember;
import org.labscale.shared.model.ModelMemberDto;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.worker.cache.ContentCache;
import org.labscale.worker.connection.ApiCallException;
import org.labscale.worker.handler.JobContext;
import org.labscale.worker.handler.JobFailedException;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the handlers that segment with a model ensemble share: the model version of the lease's context, its members
 * loaded from the lease's inputs (verified by SHA-256), the inference settings, and how a gone input reads.
 */
public final class EnsembleInputs {

    private static final Logger LOG = Logger.getLogger(EnsembleInputs.class);

    private EnsembleInputs() {
    }

    /**
     * The CPU defaults, with CUDA only on a CUDA node whose ONNX Runtime has it (decided once at start,
     * {@code ComputeDevices}), so that a CPU worker never probes for CUDA per job.
     *
     * @param threads ONNX Runtime intra-op threads
     * @param cuda    whether to ask ONNX Runtime for CUDA
     */
    public static InferenceSettings settings(int threads, boolean cuda) {
        InferenceSettings cpu = InferenceSettings.cpu();
        return new InferenceSettings(threads, cpu.tileSize(), cuda, 0, cpu.batchTiles(), cpu.fuseMembers());
    }

    /**
     * The model version the lease's context resolved ({@code raw}); fails the job (not retried) when it is gone or
     * has no members.
     */
    public static ModelVersionDto modelVersion(ObjectMapper json, Object raw, String what, UUID id)
            throws JobFailedException {
        if (raw == null) {
            throw new JobFailedException("segmentation.model-not-found", "The " + what + " " + id + " (or the"
                    + " version asked for) no longer exists in this lab.", false);
        }
        ModelVersionDto v = json.convertValue(raw, ModelVersionDto.class);
        if (v.members().isEmpty()) {
            throw new JobFailedException("segmentation.model-not-found", "The " + what + " " + id + " version "
                    + v.version() + " has no member files.", false);
        }
        return v;
    }

    /**
     * The ensemble of the version's members ({@code model/<versionId>/member-<i>.onnx}); a member altered in storage
     * or a model that cannot be used fails the job at once, not retried: no image could succeed.
     */
    public static EnsembleModel open(JobContext ctx, ModelVersionDto version, InferenceSettings settings)
            throws Exception {
        List<ModelMember> members = new ArrayList<>();
        List<ModelMemberDto> sorted = new ArrayList<>(version.members());
        sorted.sort(Comparator.comparingInt(ModelMemberDto::index));
        for (ModelMemberDto m : sorted) {
            String name = "model/" + version.id() + "/member-" + m.index() + ".onnx";
            try {
                members.add(new ModelMember(ctx.input(name, m.sha256()), m.sha256()));
            } catch (ContentCache.IntegrityException e) {
                throw new JobFailedException(SegmentationException.MODEL_TAMPERED, "Member " + m.index()
                        + " of model " + version.modelId() + " version " + version.version() + " is not the file"
                        + " that was registered (" + e.getMessage() + "): it was altered or corrupted in storage,"
                        + " so no image was segmented. Train or register the model again.", false);
            }
        }
        try {
            EnsembleModel model = EnsembleModel.open(members, settings);
            LOG.infof("model %s version %d: %d members on %s", version.modelId(), version.version(),
                    members.size(), model.device());
            return model;
        } catch (SegmentationException e) {
            throw new JobFailedException(e.code(), e.getMessage(), false);
        }
    }

    /** A download the store refused because the object is gone (404) or no longer readable (403). */
    public static boolean isGone(IOException e) {
        return e.getCause() instanceof ApiCallException api && (api.status() == 404 || api.status() == 403);
    }

    /** The lease's hash of input {@code name}, else {@code fallback}; neither: a bug in the lease. */
    public static String hash(JobContext ctx, String name, String fallback) {
        String h = ctx.inputHashes().get(name);
        if (h == null && fallback == null) {
            throw new IllegalStateException("the lease has no hash for input " + name);
        }
        return h == null ? fallback : h;
    }

    /** Deletes a folder and everything under it (nothing when absent). */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
