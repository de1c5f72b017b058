package org.labscale.bioimageio.export;

import java.util.List;

import org.labscale.convnet.onnx.ModelMetadata;
import org.labscale.segmentation.inference.EnsembleGraphFusion;
import org.labscale.segmentation.inference.EnsembleModel;
import org.labscale.shared.net.Normalization;

import com.google.protobuf.InvalidProtocolBufferException;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/**
 * An ensemble as the one ONNX graph a bioimage.io package carries: the members fused and averaged
 * ({@link EnsembleGraphFusion}), preceded by the normalisation ({@link NormalizationGraph}), so that input
 * {@value #INPUT} takes raw pixels {@code [N,C,H,W]} and output {@value EnsembleModel#OUTPUT} gives the averaged class
 * probabilities {@code [N,K,H,W]}. The members' {@code labscale.*} metadata is kept except {@code labscale.format},
 * so the graph never passes for a Labscale member (whose input is normalised); {@code labscale.input} says
 * {@code raw}.
 */
public final class BakedEnsemble {

    /** The graph's input: raw pixels. */
    public static final String INPUT = "raw";
    public static final String OUTPUT = EnsembleModel.OUTPUT;

    private BakedEnsemble() {
    }

    /**
     * @param members serialised Labscale members of one version (input {@code image}, output {@code probabilities})
     * @return the serialised graph
     */
    public static byte[] build(List<byte[]> members) {
        ModelMetadata meta = ModelMetadata.read(members.get(0));
        Normalization normalization = meta.normalization();
        if (normalization.window() == null) {
            normalization = new Normalization(normalization.method(), meta.receptiveField());
        }
        ModelProto fused = parse(EnsembleGraphFusion.fuse(members));
        GraphProto inner = fused.getGraph();
        OnnxGraphBuilder g = new OnnxGraphBuilder("normalize/");
        NormalizationGraph.append(g, INPUT, EnsembleModel.INPUT, normalization);
        ValueInfoProto image = inner.getInput(0);
        GraphProto graph = GraphProto.newBuilder().setName("labscale-" + inner.getName() + "-raw-input")
                .addInput(image.toBuilder().setName(INPUT))
                .addAllNode(g.graph.getNodeList()).addAllNode(inner.getNodeList())
                .addAllInitializer(g.graph.getInitializerList()).addAllInitializer(inner.getInitializerList())
                .addAllOutput(inner.getOutputList()).build();
        ModelProto.Builder model = fused.toBuilder().setGraph(graph).clearMetadataProps();
        for (StringStringEntryProto p : fused.getMetadataPropsList()) {
            if (!ModelMetadata.KEY_FORMAT.equals(p.getKey())) {
                model.addMetadataProps(p);
            }
        }
        model.addMetadataProps(StringStringEntryProto.newBuilder().setKey("labscale.input").setValue("raw"));
        model.addMetadataProps(StringStringEntryProto.newBuilder().setKey("labscale.ensemble_size")
                .setValue(Integer.toString(members.size())));
        return model.build().toByteArray();
    }

    /** The opset the graph imports from the default domain. */
    public static int opset(byte[] model) {
        return parse(model).getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty())
                .mapToInt(o -> (int) o.getVersion()).findFirst().orElse(17);
    }

    private static ModelProto parse(byte[] bytes) {
        try {
            return ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
        }
    }
}
