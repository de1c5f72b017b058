package org.labscale.bioimageio.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.labscale.bioimageio.ModelPackage;
import org.labscale.bioimageio.check.TestTensorComparison;
import org.labscale.bioimageio.npy.Npy;
import org.labscale.bioimageio.rdf.ModelRdf;
import org.labscale.bioimageio.run.BioimageioModel;
import org.labscale.bioimageio.run.GraphRunner;
import org.labscale.bioimageio.run.Processing;
import org.labscale.bioimageio.run.RunSpec;

/**
 * Decides whether Labscale can run a bioimage.io model package and how ({@link RunSpec}), then proves it: the
 * package's own test input, pre-processed, run and post-processed here, must give its test output within
 * bioimage.io's tolerance ({@link TestTensorComparison}). Labscale runs 2D models with ONNX weights, one input
 * ({@code batch}, {@code channel}, {@code y}, {@code x}; batch and channel optional) whose y and x sizes are fixed or
 * {@code min + n * step}, the pre-processing of {@link Processing}, and one output of the input's size with one
 * channel (a foreground probability) or three (background, boundary, interior, in that order).
 */
public final class PackageImporter {

    private static final Set<String> AXES = Set.of("batch", "channel", "space");

    private PackageImporter() {
    }

    /** Labscale cannot run the package; {@link #code()} is stable, the message says why. */
    public static final class Refused extends Exception {
        private final String code;

        public Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * A package Labscale runs.
     *
     * @param cover     the first cover, or null; {@code coverName} its file name
     * @param check     the test tensor comparison
     */
    public record Imported(ModelPackage pkg, RunSpec spec, byte[] weights, byte[] testInput, byte[] testOutput,
                           String coverName, byte[] cover, TestTensorComparison check) {
    }

    public static Imported check(ModelPackage p) throws Refused {
        ModelRdf rdf = p.rdf();
        ModelRdf.Weights onnx = rdf.onnx();
        if (onnx == null) {
            throw new Refused("bioimageio.no-onnx-weights", "The package has no ONNX weights (it has "
                    + (rdf.weights().isEmpty() ? "none" : String.join(", ", rdf.weights().keySet().stream().sorted()
                    .toList())) + "); Labscale runs ONNX models.");
        }
        byte[] weights = file(p, onnx.source(), "weights.onnx.source");
        if (onnx.sha256() != null && !onnx.sha256().equalsIgnoreCase(ModelPackage.sha256(weights))) {
            throw new Refused("bioimageio.checksum-mismatch", "weights '" + onnx.source() + "' do not have the"
                    + " SHA-256 rdf.yaml gives (" + onnx.sha256() + ").");
        }
        if (rdf.inputs().size() != 1 || rdf.outputs().size() != 1) {
            throw new Refused("bioimageio.unsupported-tensors", "The model has " + rdf.inputs().size()
                    + " input(s) and " + rdf.outputs().size() + " output(s); Labscale runs models with one of each.");
        }
        ModelRdf.Tensor input = rdf.inputs().get(0);
        ModelRdf.Tensor output = rdf.outputs().get(0);
        List<String> inputAxes = axes(input, "input");
        ModelRdf.Axis y = space(input, "y");
        ModelRdf.Axis x = space(input, "x");
        int minSize;
        int step;
        if (y.size() != null && x.size() != null && y.size().equals(x.size())) {
            minSize = y.size();
            step = 0;
        } else if (y.min() != null && x.min() != null && y.min().equals(x.min()) && y.step().equals(x.step())) {
            minSize = y.min();
            step = y.step();
        } else {
            throw new Refused("bioimageio.unsupported-axes", "The input's y and x sizes differ or refer to another"
                    + " tensor; Labscale runs square tiles of a fixed size or of min + n * step pixels.");
        }
        List<Map<String, Object>> pre = steps(input.processing(), "preprocessing");
        List<String> outputAxes = axes(output, "output");
        int halo = 0;
        for (String id : List.of("y", "x")) {
            ModelRdf.Axis a = space(output, id);
            boolean sameSize = a.refTensor() != null ? a.refTensor().equals(input.id()) && id.equals(a.refAxis())
                    : a.size() != null && step == 0 && a.size() == minSize;
            if (!sameSize) {
                throw new Refused("bioimageio.unsupported-axes", "The output's " + id + " axis is not the size of"
                        + " the input's; Labscale runs models whose output has the input's size.");
            }
            halo = Math.max(halo, a.halo() == null ? 0 : a.halo());
        }
        if (step == 0 && minSize <= 2 * halo) {
            throw new Refused("bioimageio.unsupported-axes", "The model's tile is " + minSize + " px with a halo of "
                    + halo + " px on each side: nothing of a tile would be kept.");
        }
        ModelRdf.Axis outChannel = output.axes().stream().filter(a -> "channel".equals(a.type())).findFirst()
                .orElse(null);
        int classes = outChannel == null || outChannel.channelNames() == null ? 1 : outChannel.channelNames().size();
        if (classes != 1 && classes != 3) {
            throw new Refused("bioimageio.unsupported-output", "The output has " + classes + " channels; Labscale"
                    + " makes cells of one foreground channel or of three (background, boundary, interior).");
        }
        List<Map<String, Object>> post = steps(output.processing(), "postprocessing");
        ModelRdf.Axis inChannel = input.axes().stream().filter(a -> "channel".equals(a.type())).findFirst()
                .orElse(null);
        List<String> channels = inChannel == null || inChannel.channelNames() == null ? List.of("channel-0")
                : inChannel.channelNames();
        RunSpec spec = new RunSpec(inputAxes, channels, minSize, step, halo, pre, outputAxes,
                classes == 1 ? List.of(RunSpec.FOREGROUND) : List.of("background", "boundary", "interior"), post);
        byte[] testInput = file(p, input.testTensor(), "inputs[0].test_tensor");
        byte[] testOutput = file(p, output.testTensor(), "outputs[0].test_tensor");
        TestTensorComparison check = runTest(weights, spec, testInput, testOutput);
        if (!check.passes()) {
            throw new Refused("bioimageio.test-output-mismatch", "The package's test input does not give its test"
                    + " output here: " + check.describe());
        }
        String coverName = rdf.covers().stream().filter(c -> p.files().containsKey(c)).findFirst().orElse(null);
        return new Imported(p, spec, weights, testInput, testOutput, coverName,
                coverName == null ? null : p.files().get(coverName), check);
    }

    /** Runs a stored test input through the model and compares with the stored test output. */
    public static TestTensorComparison runTest(byte[] weights, RunSpec spec, byte[] testInput, byte[] testOutput)
            throws Refused {
        try (BioimageioModel model = new BioimageioModel(weights, spec, Runtime.getRuntime().availableProcessors())) {
            Npy.Tensor in = Npy.read(testInput);
            Npy.Tensor expected = Npy.read(testOutput);
            if (in.shape().length != spec.inputAxes().size()) {
                throw new Refused("bioimageio.invalid-test-tensor", "The test input has " + in.shape().length
                        + " dimensions; the input has " + spec.inputAxes().size() + " axes " + spec.inputAxes() + ".");
            }
            return TestTensorComparison.compare(model.runTestTensor(in), expected);
        } catch (Npy.NpyException e) {
            throw new Refused("bioimageio.invalid-test-tensor", "A test tensor cannot be read: " + e.getMessage()
                    + ".");
        } catch (GraphRunner.GraphException e) {
            throw new Refused("bioimageio.model-unreadable", "The ONNX weights cannot run the test input: "
                    + e.getMessage());
        }
    }

    private static List<String> axes(ModelRdf.Tensor t, String what) throws Refused {
        List<String> ids = new ArrayList<>();
        long space = t.axes().stream().filter(a -> "space".equals(a.type())).count();
        for (ModelRdf.Axis a : t.axes()) {
            if (!AXES.contains(a.type()) || space != 2 || ("space".equals(a.type()) && !Set.of("x", "y")
                    .contains(a.id()))) {
                throw new Refused("bioimageio.unsupported-axes", "The " + what + " has axes " + t.axes().stream()
                        .map(ax -> ax.id() + " (" + ax.type() + ")").toList() + "; Labscale runs 2D models"
                        + " (batch, channel, y, x).");
            }
            ids.add("space".equals(a.type()) ? a.id() : a.type());
        }
        if (ids.indexOf("y") > ids.indexOf("x")) {
            throw new Refused("bioimageio.unsupported-axes", "The " + what + " stores x before y; Labscale runs"
                    + " row-major (y, x) tensors.");
        }
        return ids;
    }

    private static ModelRdf.Axis space(ModelRdf.Tensor t, String id) {
        return t.axes().stream().filter(a -> "space".equals(a.type()) && id.equals(a.id())).findFirst()
                .orElseThrow();
    }

    private static List<Map<String, Object>> steps(List<ModelRdf.Operation> ops, String where) throws Refused {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (ModelRdf.Operation op : ops) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("id", op.id());
            step.put("kwargs", op.kwargs());
            String problem = Processing.problem(step, where);
            if (problem != null) {
                throw new Refused("bioimageio.unsupported-processing", "Labscale cannot run this model: " + problem
                        + ".");
            }
            steps.add(step);
        }
        return steps;
    }

    private static byte[] file(ModelPackage p, String name, String field) throws Refused {
        try {
            return p.file(name, field);
        } catch (ModelPackage.PackageException e) {
            throw new Refused("bioimageio.missing-file", "The package is incomplete: " + e.getMessage() + ".");
        }
    }
}
