package org.labscale.convnet.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.labscale.shared.net.LayerSpec;
import org.labscale.shared.net.NetSpec;

import com.google.protobuf.ByteString;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

/**
 * Exports a trained patch classifier as the dilated fully convolutional net of Van Valen et al. 2016 (after Li et
 * al., "Highly efficient forward and backward propagation of convolutional neural networks for pixelwise
 * classification", 2014: d-regularly sparse kernels): every 2x2 stride-2 max-pool becomes a stride-1 max-pool and
 * doubles the dilation of every later kernel, and dense layers become convolutions (the first one over the remaining
 * map, with the current dilation; later ones 1x1). The graph reflect-pads its input by {@code receptiveField / 2},
 * so the output has the input's height and width, and each output pixel equals the patch classifier's prediction for
 * the reflect-padded patch centred on it.
 *
 * <p>Graph: input {@code image} float32 {@code [N, C, H, W]} (already normalised), output {@code probabilities}
 * float32 {@code [N, K, H, W]} (softmax over axis 1). Operators: Pad (reflect), Conv, BatchNormalization (epsilon
 * 1e-5), Relu, MaxPool, Softmax. IR version 8, opset 17, unoptimised (each machine's runtime optimises it).
 */
public final class DilatedNetExporter {

    public static final String INPUT = "image";
    public static final String OUTPUT = "probabilities";
    static final long IR_VERSION = 8;
    static final long OPSET = 17;

    /**
     * The serialised ONNX model.
     *
     * @param metadata written into {@code metadata_props}; its channels and classes give the input and output
     *                 counts, its net and receptive field the layers
     * @param weights  the trained parameters, shaped as described on {@link NetWeights}
     * @throws IllegalArgumentException when the net is invalid or a weight array has the wrong size (naming it)
     */
    public byte[] export(ModelMetadata metadata, NetWeights weights) {
        return build(metadata, weights).toByteArray();
    }

    /** The model as a protobuf message. */
    public ModelProto build(ModelMetadata metadata, NetWeights weights) {
        NetSpec net = metadata.net();
        int channels = metadata.channels().size();
        int classes = metadata.classes().size();
        net.validate(channels, classes);
        if (net.receptiveField() != metadata.receptiveField()) {
            throw new IllegalArgumentException("The metadata's receptive field " + metadata.receptiveField()
                    + " differs from the net's " + net.receptiveField() + ".");
        }
        GraphBuilder g = new GraphBuilder();
        int half = net.receptiveField() / 2;
        String x = g.node("Pad", List.of(INPUT, g.longs("pads", new long[] {0, 0, half, half, 0, 0, half, half})),
                List.of(AttributeProto.newBuilder().setName("mode").setType(AttributeProto.AttributeType.STRING)
                        .setS(ByteString.copyFromUtf8("reflect")).build()));

        List<NetWeights.Layer> params = weights.layers();
        int expectedParams = (int) net.layers().stream().filter(l -> !(l instanceof LayerSpec.MaxPool)).count() + 1;
        if (params.size() != expectedParams) {
            throw new IllegalArgumentException("The net has " + expectedParams + " layers with weights (the"
                    + " classifier included), but " + params.size() + " were given.");
        }
        int side = net.receptiveField();
        int in = channels;
        int dilation = 1;
        boolean sawDense = false;
        int p = 0;
        for (int i = 0; i < net.layers().size(); i++) {
            LayerSpec layer = net.layers().get(i);
            if (layer instanceof LayerSpec.Conv c) {
                x = conv(g, x, params.get(p++), "layer" + i, in, c.filters(), c.kernel(), dilation, c.batchNorm());
                side = side - c.kernel() + 1;
                in = c.filters();
            } else if (layer instanceof LayerSpec.MaxPool) {
                x = g.node("MaxPool", List.of(x), List.of(ints("kernel_shape", 2, 2), ints("strides", 1, 1),
                        ints("dilations", dilation, dilation), ints("pads", 0, 0, 0, 0)));
                side /= 2;
                dilation *= 2;
            } else if (layer instanceof LayerSpec.Dense d) {
                int k = sawDense ? 1 : side;
                x = conv(g, x, params.get(p++), "layer" + i, in, d.units(), k, sawDense ? 1 : dilation,
                        d.batchNorm());
                sawDense = true;
                in = d.units();
            }
        }
        int k = sawDense ? 1 : side;
        String logits = conv(g, x, params.get(p), "classifier", in, classes, k, sawDense ? 1 : dilation, false);
        g.graph.addNode(NodeProto.newBuilder().setOpType("Softmax").setName("softmax").addInput(logits)
                .addOutput(OUTPUT).addAttribute(AttributeProto.newBuilder().setName("axis")
                        .setType(AttributeProto.AttributeType.INT).setI(1)));

        g.graph.setName(net.name());
        g.graph.addInput(valueInfo(INPUT, channels));
        g.graph.addOutput(valueInfo(OUTPUT, classes));
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("labscale")
                .setProducerVersion("1").setGraph(g.graph)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
        for (Map.Entry<String, String> e : metadata.toProperties().entrySet()) {
            model.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(e.getKey())
                    .setValue(e.getValue()));
        }
        return model.build();
    }

    /** Conv (+ BatchNormalization) (+ Relu unless it is the classifier). */
    private static String conv(GraphBuilder g, String x, NetWeights.Layer w, String name, int in, int out, int k,
                               int dilation, boolean batchNorm) {
        check(name + " kernel", w.kernel(), (long) out * in * k * k);
        check(name + " bias", w.bias(), out);
        String y = g.node("Conv", List.of(x, g.floats(name + ".weight", w.kernel(), out, in, k, k),
                        g.floats(name + ".bias", w.bias(), out)),
                List.of(ints("kernel_shape", k, k), ints("dilations", dilation, dilation), ints("strides", 1, 1),
                        ints("pads", 0, 0, 0, 0)));
        if (name.equals("classifier")) {
            return y;
        }
        if (batchNorm) {
            NetWeights.BatchNorm bn = w.batchNorm();
            if (bn == null) {
                throw new IllegalArgumentException(name + " has batch normalisation but no batch-norm weights.");
            }
            check(name + " gamma", bn.gamma(), out);
            check(name + " beta", bn.beta(), out);
            check(name + " running mean", bn.runningMean(), out);
            check(name + " running variance", bn.runningVar(), out);
            y = g.node("BatchNormalization", List.of(y, g.floats(name + ".bn.gamma", bn.gamma(), out),
                    g.floats(name + ".bn.beta", bn.beta(), out), g.floats(name + ".bn.mean", bn.runningMean(), out),
                    g.floats(name + ".bn.var", bn.runningVar(), out)),
                    List.of(AttributeProto.newBuilder().setName("epsilon").setType(AttributeProto.AttributeType.FLOAT)
                            .setF(NetWeights.BatchNorm.EPSILON).build()));
        }
        return g.node("Relu", List.of(y), List.of());
    }

    private static void check(String what, float[] values, long expected) {
        if (values == null || values.length != expected) {
            throw new IllegalArgumentException(what + " needs " + expected + " values, not "
                    + (values == null ? "none" : values.length) + ".");
        }
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, int channels) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(channels))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("H"))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("W"));
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape))).build();
    }

    /** Names nodes and initializers uniquely while the graph is assembled. */
    private static final class GraphBuilder {
        final GraphProto.Builder graph = GraphProto.newBuilder();
        int counter;

        String node(String op, List<String> inputs, List<AttributeProto> attributes) {
            String out = op.toLowerCase() + "_" + counter++;
            graph.addNode(NodeProto.newBuilder().setOpType(op).setName(out).addAllInput(inputs).addOutput(out)
                    .addAllAttribute(attributes));
            return out;
        }

        String floats(String name, float[] values, long... dims) {
            ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
            TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                    .setDataType(TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(bytes));
            for (long d : dims) {
                t.addDims(d);
            }
            graph.addInitializer(t);
            return name;
        }

        String longs(String name, long[] values) {
            ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asLongBuffer().put(values);
            graph.addInitializer(TensorProto.newBuilder().setName(name)
                    .setDataType(TensorProto.DataType.INT64.getNumber()).addDims(values.length)
                    .setRawData(ByteString.copyFrom(bytes)));
            return name;
        }
    }
}
