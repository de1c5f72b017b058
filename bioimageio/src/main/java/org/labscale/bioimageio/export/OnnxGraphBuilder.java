package org.labscale.bioimageio.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import com.google.protobuf.ByteString;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

/** Appends nodes and constants under a name prefix, each output named uniquely, while a graph is assembled. */
final class OnnxGraphBuilder {

    final GraphProto.Builder graph = GraphProto.newBuilder();
    private final String prefix;
    private int counter;

    OnnxGraphBuilder(String prefix) {
        this.prefix = prefix;
    }

    /** A node with one output, named after its op. */
    String node(String op, List<String> inputs, AttributeProto... attributes) {
        String out = prefix + op.toLowerCase() + "_" + counter++;
        return node(op, inputs, out, attributes);
    }

    /** A node whose one output is {@code output}. */
    String node(String op, List<String> inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs)
                .addOutput(output);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return output;
    }

    /** A float32 scalar constant. */
    String scalar(float value) {
        String name = prefix + "const_" + counter++;
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber())
                .setRawData(ByteString.copyFrom(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                        .putFloat(value).array())));
        return name;
    }

    /** A float64 scalar constant. */
    String scalarDouble(double value) {
        String name = prefix + "const_" + counter++;
        graph.addInitializer(TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.DOUBLE.getNumber())
                .setRawData(ByteString.copyFrom(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                        .putDouble(value).array())));
        return name;
    }

    /** A one-dimensional int64 constant. */
    String longs(long... values) {
        String name = prefix + "const_" + counter++;
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber())
                .addDims(values.length).setRawData(ByteString.copyFrom(bytes)));
        return name;
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }
}
