package org.labscale.worker.handler.segmentation;

import java.nio.file.Files;
import java.util.Map;

import org.labscale.bioimageio.run.BioimageioModel;
import org.labscale.bioimageio.run.GraphRunner;
import org.labscale.bioimageio.run.RunSpec;
import org.labscale.segmentation.SegmentationException;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.model.ModelMemberDto;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.worker.cache.ContentCache;
import org.labscale.worker.handler.JobContext;
import org.labscale.worker.handler.JobFailedException;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Model versions imported from bioimage.io: their card's provenance says how to run them ({@code bioimageio.runSpec},
 * written by the API at import), their one member is the package's ONNX graph. Segmentation runs them with
 * {@link org.labscale.bioimageio.run.BioimageioSegmenter} instead of a Labscale ensemble.
 */
final class ImportedModels {

    private ImportedModels() {
    }

    /** The run spec of an imported version, or null for a version Labscale trained. */
    static RunSpec spec(ObjectMapper json, ModelVersionDto version) {
        ModelCard card = version.card();
        if (card == null || card.provenance() == null || !(card.provenance().get("bioimageio") instanceof Map<?, ?> b)
                || b.get("runSpec") == null) {
            return null;
        }
        return json.convertValue(b.get("runSpec"), RunSpec.class);
    }

    /** The imported graph from the lease's input {@code model/<versionId>/member-0.onnx}, its hash verified. */
    static BioimageioModel open(JobContext ctx, ModelVersionDto version, RunSpec spec, int threads) throws Exception {
        ModelMemberDto m = version.members().get(0);
        String name = "model/" + version.id() + "/member-" + m.index() + ".onnx";
        byte[] weights;
        try {
            weights = Files.readAllBytes(ctx.input(name, m.sha256()));
        } catch (ContentCache.IntegrityException e) {
            throw new JobFailedException(SegmentationException.MODEL_TAMPERED, "The imported model " + version.modelId()
                    + " version " + version.version() + " is not the file that was imported (" + e.getMessage()
                    + "), so no image was segmented.", false);
        }
        try {
            return new BioimageioModel(weights, spec, threads);
        } catch (GraphRunner.GraphException e) {
            throw new JobFailedException("segmentation.model-unreadable", "The imported model cannot be loaded: "
                    + e.getMessage(), false);
        }
    }
}
