package org.labscale.segmentation.bench;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;

/**
 * The patch classifier the paper first ran pixel by pixel, derived from an exported dilated member: the input Pad is
 * dropped, every dilation set back to 1 and every max-pool given stride 2. Input {@code [N, C, rf, rf]} patches,
 * output {@code [N, K, 1, 1]}: the class probabilities of each patch's centre pixel, with the same weights.
 */
final class PatchGraph {

    private PatchGraph() {
    }

    static byte[] fromDilated(byte[] dilated) throws Exception {
        ModelProto model = ModelProto.parseFrom(dilated);
        GraphProto.Builder graph = model.getGraph().toBuilder().clearNode();
        String padOutput = null;
        for (NodeProto node : model.getGraph().getNodeList()) {
            if (node.getOpType().equals("Pad")) {
                padOutput = node.getOutput(0);
                continue;
            }
            NodeProto.Builder b = node.toBuilder().clearAttribute();
            for (int i = 0; i < node.getInputCount(); i++) {
                if (node.getInput(i).equals(padOutput)) {
                    b.setInput(i, model.getGraph().getInput(0).getName());
                }
            }
            for (AttributeProto a : node.getAttributeList()) {
                if (a.getName().equals("dilations")) {
                    b.addAttribute(a.toBuilder().clearInts().addInts(1).addInts(1));
                } else if (a.getName().equals("strides") && node.getOpType().equals("MaxPool")) {
                    b.addAttribute(a.toBuilder().clearInts().addInts(2).addInts(2));
                } else {
                    b.addAttribute(a);
                }
            }
            graph.addNode(b);
        }
        return model.toBuilder().setGraph(graph).build().toByteArray();
    }
}
