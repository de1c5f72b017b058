package org.labscale.training.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.labscale.convnet.onnx.DilatedNetExporter;
import org.labscale.convnet.onnx.ModelMetadata;
import org.labscale.convnet.onnx.NetWeights;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.model.ModelCard;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.djl.engine.Engine;

/**
 * Exports a trained member as the dilated fully convolutional ONNX model of {@code convnet}, with full provenance in
 * its metadata: job, training-set versions and hashes, hyper-parameters (the payload, defaults filled in), seed,
 * member, library versions (DJL, PyTorch, Labscale) and git revision.
 */
public final class MemberExporter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrainingProvenance provenance;

    public MemberExporter(TrainingProvenance provenance) {
        this.provenance = provenance;
    }

    /** The ONNX bytes of member {@code member} trained with {@code seed}. */
    public byte[] export(TrainingPayload payload, int member, long seed, NetWeights weights) {
        return new DilatedNetExporter().export(metadata(payload, member, seed), weights);
    }

    /** The metadata written into member {@code member}. */
    public ModelMetadata metadata(TrainingPayload payload, int member, long seed) {
        return new ModelMetadata(payload.resolvedNet().receptiveField(), payload.channels(), payload.classes(),
                payload.normalization(), payload.resolvedNet(), provenance(payload, member, seed),
                payload.pixelSizeUm());
    }

    /** The provenance map (also the model card's). */
    public Map<String, Object> provenance(TrainingPayload payload, int member, long seed) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobId", provenance.jobId());
        List<Map<String, Object>> sets = new ArrayList<>();
        for (ModelCard.TrainingData t : provenance.trainingSets()) {
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("id", String.valueOf(t.trainingSetId()));
            set.put("version", t.version());
            set.put("contentHash", t.contentHash());
            sets.add(set);
        }
        out.put("trainingSets", sets);
        Map<String, Object> hyper = JSON.convertValue(payload, new TypeReference<Map<String, Object>>() { });
        hyper.remove("trainingSets");
        hyper.remove("description");
        hyper.remove("licence");
        out.put("hyperParameters", hyper);
        out.put("seed", seed);
        out.put("member", member);
        out.put("libraries", libraries());
        out.put("gitRevision", provenance.gitRevision());
        return out;
    }

    /** Versions of DJL, PyTorch and Labscale in use. */
    public static Map<String, String> libraries() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("djl", Engine.getDjlVersion());
        out.put("pytorch", Engine.getEngine("PyTorch").getVersion());
        String labscale = MemberExporter.class.getPackage().getImplementationVersion();
        out.put("labscale", labscale == null ? "dev" : labscale);
        return out;
    }
}
