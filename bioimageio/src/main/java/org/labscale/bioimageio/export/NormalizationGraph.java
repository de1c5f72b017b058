package org.labscale.bioimageio.export;

import static org.labscale.bioimageio.export.OnnxGraphBuilder.integer;
import static org.labscale.bioimageio.export.OnnxGraphBuilder.ints;
import static org.labscale.bioimageio.export.OnnxGraphBuilder.string;

import java.util.List;

import org.labscale.convnet.normalize.ChannelScaling;
import org.labscale.convnet.normalize.LocalMeanNormalizer;
import org.labscale.shared.net.Normalization;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

/**
 * Labscale's normalisation ({@link ChannelScaling} then {@link LocalMeanNormalizer}) as ONNX nodes, so that a
 * bioimage.io consumer, which has no preprocessing op for it, gets the same net input from raw pixels:
 * <ol>
 *   <li>per image and channel, the samples flattened and sorted ({@code TopK} with k = H*W, ascending);</li>
 *   <li>{@value Normalization#ROBUST_LOCAL_MEAN}: offset the 1st percentile, scale the 1st-99th percentile spread
 *       (linear interpolation between ranks computed in float64, as {@code ChannelScaling} does; the same
 *       fallbacks: the full range, then 1); {@value Normalization#MEDIAN_LOCAL_MEAN}: offset 0, scale the median
 *       (mean of the two middle values for an even count; the mean, then 1, when it is not positive);</li>
 *   <li>{@code (x - offset) / scale}, then minus its local mean: reflect {@code Pad} by window/2 and an
 *       {@code AveragePool} of the window with no padding of its own (so {@code count_include_pad} cannot matter:
 *       every average is over window² real or reflected samples, exactly as the Java box filter).</li>
 * </ol>
 * Differences from the Java code: sums are float32 in the runtime (float64 in Java), a relative difference of about
 * 1e-6; NaN samples are not skipped (the platform's images have none). The reflect pad needs an image larger than
 * window/2 in each direction, which the net's own reflect pad needs too.
 */
public final class NormalizationGraph {

    private NormalizationGraph() {
    }

    /**
     * Adds the nodes to {@code g}: reads {@code input} {@code [N,C,H,W]} and writes {@code output} of the same shape.
     */
    static void append(OnnxGraphBuilder g, String input, String output, Normalization normalization) {
        String method = normalization.method();
        if (!Normalization.known(method)) {
            throw new IllegalArgumentException("Unknown normalisation \"" + method + "\"; known: "
                    + Normalization.METHODS + ".");
        }
        int window = normalization.window();
        new LocalMeanNormalizer(window); // refuses an even or non-positive window
        String flat = g.node("Reshape", List.of(input, g.longs(0, 0, -1)));                // [N,C,HW]
        String count = g.node("Slice", List.of(g.node("Shape", List.of(flat)), g.longs(2), g.longs(3))); // [1]
        String sorted = topK(g, flat, count);
        String offset;
        String scale;
        if (Normalization.ROBUST_LOCAL_MEAN.equals(method)) {
            String low = percentile(g, sorted, count, ChannelScaling.LOW_PERCENTILE);
            String high = percentile(g, sorted, count, ChannelScaling.HIGH_PERCENTILE);
            String spread = g.node("Sub", List.of(high, low));
            String range = g.node("Sub", List.of(at(g, sorted, g.node("Sub", List.of(count, g.longs(1)))),
                    at(g, sorted, g.longs(0))));
            String one = g.scalar(1f);
            String zero = g.scalar(0f);
            scale = g.node("Where", List.of(g.node("Greater", List.of(spread, zero)), spread,
                    g.node("Where", List.of(g.node("Greater", List.of(range, zero)), range, one))));
            offset = low;
        } else {
            String two = g.longs(2);
            String lower = g.node("Div", List.of(g.node("Sub", List.of(count, g.longs(1))), two));
            String upper = g.node("Div", List.of(count, two));
            String median = g.node("Div", List.of(g.node("Add", List.of(at(g, sorted, lower), at(g, sorted, upper))),
                    g.scalar(2f)));
            String mean = g.node("ReduceMean", List.of(flat), ints("axes", 2), integer("keepdims", 1));
            String zero = g.scalar(0f);
            scale = g.node("Where", List.of(g.node("Greater", List.of(median, zero)), median,
                    g.node("Where", List.of(g.node("Greater", List.of(mean, zero)), mean, g.scalar(1f)))));
            offset = null; // (p - 0) / d is p / d exactly
        }
        String axes = g.longs(3);
        String shifted = offset == null ? input
                : g.node("Sub", List.of(input, g.node("Unsqueeze", List.of(offset, axes))));
        String divided = g.node("Div", List.of(shifted, g.node("Unsqueeze", List.of(scale, axes))));
        long r = window / 2;
        String padded = g.node("Pad", List.of(divided, g.longs(0, 0, r, r, 0, 0, r, r)), string("mode", "reflect"));
        String local = g.node("AveragePool", List.of(padded), ints("kernel_shape", window, window),
                ints("strides", 1, 1));
        g.node("Sub", List.of(divided, local), output);
    }

    private static String topK(OnnxGraphBuilder g, String flat, String count) {
        String values = flat + "_sorted";
        g.graph.addNode(NodeProto.newBuilder().setOpType("TopK").setName(values)
                .addInput(flat).addInput(count).addOutput(values).addOutput(values + "_indices")
                .addAttribute(integer("axis", -1)).addAttribute(integer("largest", 0))
                .addAttribute(integer("sorted", 1)));
        return values;
    }

    /** {@code sorted[..., index]} as {@code [N,C,1]}; {@code index} is an int64 tensor of shape [1]. */
    private static String at(OnnxGraphBuilder g, String sorted, String index) {
        return g.node("Gather", List.of(sorted, index), integer("axis", 2));
    }

    /** ChannelScaling's percentile: rank p/100*(n-1) in float64, linear between the neighbouring ranks. */
    private static String percentile(OnnxGraphBuilder g, String sorted, String count, double percent) {
        int dbl = TensorProto.DataType.DOUBLE.getNumber();
        int i64 = TensorProto.DataType.INT64.getNumber();
        String last = g.node("Sub", List.of(count, g.longs(1)));
        String rank = g.node("Mul", List.of(g.scalarDouble(percent / 100.0), g.node("Cast", List.of(last),
                integer("to", dbl))));
        String floor = g.node("Floor", List.of(rank));
        String weight = g.node("Sub", List.of(rank, floor));
        String below = g.node("Cast", List.of(floor), integer("to", i64));
        String above = g.node("Min", List.of(g.node("Add", List.of(below, g.longs(1))), last));
        String vb = g.node("Cast", List.of(at(g, sorted, below)), integer("to", dbl));
        String va = g.node("Cast", List.of(at(g, sorted, above)), integer("to", dbl));
        String value = g.node("Add", List.of(vb, g.node("Mul", List.of(weight, g.node("Sub", List.of(va, vb))))));
        return g.node("Cast", List.of(value), integer("to", TensorProto.DataType.FLOAT.getNumber()));
    }
}
