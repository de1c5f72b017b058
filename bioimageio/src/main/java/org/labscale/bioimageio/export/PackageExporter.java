package org.labscale.bioimageio.export;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.labscale.bioimageio.ModelPackage;
import org.labscale.bioimageio.check.TestTensorComparison;
import org.labscale.bioimageio.npy.Npy;
import org.labscale.bioimageio.rdf.ModelRdf;
import org.labscale.bioimageio.rdf.RdfYaml;
import org.labscale.bioimageio.run.GraphRunner;
import org.labscale.convnet.onnx.ModelMetadata;
import org.labscale.imaging.FloatPlane;
import org.labscale.segmentation.SegmentationException;

/**
 * Makes a bioimage.io model package (format {@value ModelRdf#FORMAT_VERSION}) of a Labscale model version: the
 * members as one graph with the normalisation inside ({@link BakedEnsemble}), the test input, the test output that
 * graph produces from it (checked against the platform's own prediction), a cover ({@link CoverImage}), documentation, authors, citations and licence.
 */
public final class PackageExporter {

    public static final String WEIGHTS = "weights.onnx";
    public static final String TEST_INPUT = "test_input.npy";
    public static final String TEST_OUTPUT = "test_output.npy";
    public static final String COVER = "cover.png";
    public static final String DOCUMENTATION = "documentation.md";
    /** The method Labscale implements, cited by every package. */
    public static final ModelRdf.Cite METHOD = new ModelRdf.Cite("Van Valen DA et al. Deep learning automates the"
            + " quantitative analysis of individual cells in live-cell imaging experiments. PLoS Comput Biol 12(11):"
            + " e1005177, 2016.", "10.1371/journal.pcbi.1005177", null);

    private PackageExporter() {
    }

    /**
     * What the package says about the model, from its card.
     *
     * @param name          at least 5 characters (the specification's minimum)
     * @param documentation Markdown; {@link #documentation} writes one when null
     * @param labscale      kept under {@code config.labscale} (card facts: provenance, metrics, post-processing)
     */
    public record Description(String name, String description, List<ModelRdf.Author> authors, String licence,
                              List<ModelRdf.Cite> cite, List<String> tags, String version, String documentation,
                              Map<String, Object> labscale) {
    }

    /** The export could not be made, or its graph does not give what the platform gives; the message says which. */
    public static final class ExportFailed extends Exception {
        public ExportFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param members   the version's members (Labscale ONNX, same metadata)
     * @param testImage raw channels in the members' channel order, larger than half the receptive field in each
     *                  direction: the test input
     * @throws ExportFailed when the graph cannot run, or its test output is not the platform's own prediction on the
     *                  same pixels within bioimage.io's tolerance
     */
    public static ModelPackage export(Description d, List<byte[]> members, List<FloatPlane> testImage)
            throws ExportFailed {
        ModelMetadata meta = ModelMetadata.read(members.get(0));
        byte[] weights = BakedEnsemble.build(members);
        Npy.Tensor testInput = tensor(testImage);
        Npy.Tensor testOutput;
        try (GraphRunner runner = new GraphRunner(weights, Runtime.getRuntime().availableProcessors())) {
            testOutput = runner.run(testInput);
            TestTensorComparison platform = TestTensorComparison.compare(testOutput.data(),
                    PlatformPrediction.of(members, testImage, 512));
            if (!platform.passes()) {
                throw new ExportFailed("The exported graph does not give the platform's own prediction: "
                        + platform.describe(), null);
            }
        } catch (GraphRunner.GraphException | SegmentationException | java.io.IOException e) {
            throw new ExportFailed("The exported graph could not be run on the test input: " + e.getMessage(), e);
        }
        byte[] input = Npy.writeFloat32(testInput);
        byte[] output = Npy.writeFloat32(testOutput);
        byte[] cover = CoverImage.png(testInput, testOutput, meta.classes());
        String documentation = d.documentation() != null ? d.documentation() : documentation(d, meta, members.size());
        int min = meta.receptiveField() / 2 + 1;
        String method = meta.normalization().method();
        ModelRdf.Tensor in = new ModelRdf.Tensor(BakedEnsemble.INPUT, clip("Raw pixels; the " + method
                + " normalisation is inside the graph (channels: " + String.join(", ", meta.channels()) + ")."), List.of(ModelRdf.Axis.batch(),
                ModelRdf.Axis.channel(meta.channels()), ModelRdf.Axis.space("y", min, 1),
                ModelRdf.Axis.space("x", min, 1)), TEST_INPUT, ModelPackage.sha256(input), List.of());
        ModelRdf.Tensor out = new ModelRdf.Tensor(BakedEnsemble.OUTPUT, clip("Class probabilities, the mean of "
                + members.size() + " member(s)."), List.of(ModelRdf.Axis.batch(),
                ModelRdf.Axis.channel(meta.classes()), ModelRdf.Axis.spaceLike("y", BakedEnsemble.INPUT, "y"),
                ModelRdf.Axis.spaceLike("x", BakedEnsemble.INPUT, "x")), TEST_OUTPUT, ModelPackage.sha256(output),
                List.of());
        Map<String, Object> labscale = new LinkedHashMap<>(d.labscale() == null ? Map.of() : d.labscale());
        labscale.put("receptiveField", meta.receptiveField());
        labscale.put("normalization", Map.of("method", method, "window", meta.normalization().window() == null
                ? meta.receptiveField() : meta.normalization().window()));
        labscale.put("ensembleSize", members.size());
        String description = d.description() == null || d.description().isBlank()
                ? "A Labscale conv-net ensemble (" + String.join(", ", meta.classes()) + ")." : d.description();
        ModelRdf rdf = new ModelRdf(null, d.version(), d.name(), description.length() > 1024
                ? description.substring(0, 1021) + "..." : description, d.authors(), d.cite(), d.licence(),
                List.of(COVER), DOCUMENTATION, d.tags(), null, List.of(in), List.of(out),
                Map.of(ModelRdf.ONNX, new ModelRdf.Weights(WEIGHTS, ModelPackage.sha256(weights),
                        BakedEnsemble.opset(weights))), Map.of("labscale", labscale));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(WEIGHTS, weights);
        files.put(TEST_INPUT, input);
        files.put(TEST_OUTPUT, output);
        files.put(COVER, cover);
        files.put(DOCUMENTATION, documentation.getBytes(StandardCharsets.UTF_8));
        return new ModelPackage(rdf, RdfYaml.write(rdf), files);
    }

    /** Channels as a {@code [1,C,H,W]} tensor. */
    public static Npy.Tensor tensor(List<FloatPlane> planes) {
        int w = planes.get(0).width();
        int h = planes.get(0).height();
        float[] data = new float[planes.size() * w * h];
        for (int c = 0; c < planes.size(); c++) {
            System.arraycopy(planes.get(c).pixels(), 0, data, c * w * h, w * h);
        }
        return new Npy.Tensor(new long[] {1, planes.size(), h, w}, data);
    }

    /** The specification allows tensor descriptions of at most 128 characters. */
    private static String clip(String text) {
        return text.length() <= 128 ? text : text.substring(0, 125) + "...";
    }

    /** A documentation page from the card's facts. */
    static String documentation(Description d, ModelMetadata meta, int members) {
        StringBuilder md = new StringBuilder("# ").append(d.name()).append("\n\n");
        if (d.description() != null && !d.description().isBlank()) {
            md.append(d.description().strip()).append("\n\n");
        }
        md.append("Exported from Labscale. A ").append(meta.receptiveField()).append("x").append(meta.receptiveField())
                .append(" dilated, fully convolutional conv-net ensemble of ").append(members)
                .append(" member(s) (Van Valen et al. 2016), averaged into one ONNX graph.\n\n")
                .append("## Input\n\nRaw pixels `[batch, channel, y, x]`, channels: ")
                .append(String.join(", ", meta.channels())).append(". The normalisation (`")
                .append(meta.normalization().method()).append("`: per image and channel ")
                .append("robust-local-mean".equals(meta.normalization().method())
                        ? "subtract the 1st percentile and divide by the 1st-99th percentile spread"
                        : "divide by the median")
                .append(", then subtract the local mean over a window of the receptive field with reflected"
                        + " borders) is inside the graph: feed raw pixels. Images must be larger than ")
                .append(meta.receptiveField() / 2).append(" px in each direction.\n\n")
                .append("## Output\n\nClass probabilities `[batch, class, y, x]`, classes: ")
                .append(String.join(", ", meta.classes()))
                .append(". Labscale makes cells of the interior probability (threshold or watershed, then boundary"
                        + " regrowth); see `config.labscale` for the recommended settings and validation metrics.\n");
        return md.toString();
    }
}
