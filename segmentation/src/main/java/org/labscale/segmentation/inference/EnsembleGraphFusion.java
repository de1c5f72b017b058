package org.labscale.segmentation.inference;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fuses the members of an ensemble into one ONNX graph: every member's nodes and weights under a prefix
 * ({@code m0/}, {@code m1/}, ...), all reading the one {@code image} input, their {@code probabilities} summed and
 * scaled by 1/n into one {@code probabilities} output. One session then runs the whole ensemble: the input is copied
 * to the runtime (and to a GPU) once instead of once per member, and the runtime can schedule the members together.
 * The first member's metadata is kept.
 */
public final class EnsembleGraphFusion {

    private EnsembleGraphFusion() {
    }

    /** @param members serialised member models (each with input {@code image}, output {@code probabilities}) */
    public static byte[] fuse(List<byte[]> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("nothing to fuse");
        }
        ModelProto first = parse(members.get(0));
        GraphProto.Builder graph = GraphProto.newBuilder().setName("ensemble-of-" + members.size())
                .addInput(first.getGraph().getInput(0)).addOutput(first.getGraph().getOutput(0));
        NodeProto.Builder sum = NodeProto.newBuilder().setOpType("Sum").setName("ensemble/sum")
                .addOutput("ensemble/sum");
        for (int m = 0; m < members.size(); m++) {
            GraphProto g = parse(members.get(m)).getGraph();
            String prefix = "m" + m + "/";
            Set<String> external = new HashSet<>();
            external.add(EnsembleModel.INPUT);
            for (TensorProto t : g.getInitializerList()) {
                graph.addInitializer(t.toBuilder().setName(prefix + t.getName()));
            }
            for (NodeProto node : g.getNodeList()) {
                NodeProto.Builder b = node.toBuilder().setName(prefix + node.getName()).clearInput().clearOutput();
                for (String in : node.getInputList()) {
                    b.addInput(in.isEmpty() || external.contains(in) ? in : prefix + in);
                }
                for (String out : node.getOutputList()) {
                    b.addOutput(prefix + out);
                }
                graph.addNode(b);
            }
            sum.addInput(prefix + EnsembleModel.OUTPUT);
        }
        graph.addNode(sum);
        ByteBuffer scale = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(1f / members.size());
        graph.addInitializer(TensorProto.newBuilder().setName("ensemble/scale")
                .setDataType(TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(scale.array())));
        graph.addNode(NodeProto.newBuilder().setOpType("Mul").setName("ensemble/mean").addInput("ensemble/sum")
                .addInput("ensemble/scale").addOutput(EnsembleModel.OUTPUT));
        return first.toBuilder().setGraph(graph).build().toByteArray();
    }

    private static ModelProto parse(byte[] bytes) {
        try {
            return ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
        }
    }
}
