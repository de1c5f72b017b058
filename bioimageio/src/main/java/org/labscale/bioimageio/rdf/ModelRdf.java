package org.labscale.bioimageio.rdf;

import java.util.List;
import java.util.Map;

/**
 * The parts of a bioimage.io model description ({@code rdf.yaml}, format 0.5) that Labscale writes and reads. Names
 * follow the specification; {@link RdfYaml} maps them to and from YAML.
 *
 * @param id        the bioimage.io id, when the package has one
 * @param version   the resource's version (SemVer), when given
 * @param covers    file names of cover images inside the package
 * @param weights   weight formats by their specification key ({@code onnx}, {@code torchscript}, ...)
 * @param config    free-form {@code config}; Labscale keeps its own facts under {@code config.labscale}
 */
public record ModelRdf(String id, String version, String name, String description, List<Author> authors,
                       List<Cite> cite, String license, List<String> covers, String documentation, List<String> tags,
                       String timestamp, List<Tensor> inputs, List<Tensor> outputs, Map<String, Weights> weights,
                       Map<String, Object> config) {

    /** The format version written; the reader accepts any 0.5.x. */
    public static final String FORMAT_VERSION = "0.5.7";
    /** The key of ONNX weights in {@code weights}. */
    public static final String ONNX = "onnx";

    public ModelRdf {
        authors = authors == null ? List.of() : List.copyOf(authors);
        cite = cite == null ? List.of() : List.copyOf(cite);
        covers = covers == null ? List.of() : List.copyOf(covers);
        tags = tags == null ? List.of() : List.copyOf(tags);
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        weights = weights == null ? Map.of() : Map.copyOf(weights);
        config = config == null ? Map.of() : config;
    }

    /** A person; only the name is required. */
    public record Author(String name, String affiliation, String orcid) {
    }

    /** A citation: text and a DOI or a URL. */
    public record Cite(String text, String doi, String url) {
    }

    /**
     * An input or output tensor.
     *
     * @param processing {@code preprocessing} of an input, {@code postprocessing} of an output, in order
     * @param testTensor file name of its {@code .npy} test tensor
     */
    public record Tensor(String id, String description, List<Axis> axes, String testTensor, String testTensorSha256,
                         List<Operation> processing) {
        public Tensor {
            axes = axes == null ? List.of() : List.copyOf(axes);
            processing = processing == null ? List.of() : List.copyOf(processing);
        }
    }

    /**
     * One axis: {@code batch}, {@code channel}, {@code space}, {@code time} or {@code index}. A space axis has a fixed
     * {@code size}, or a parameterised size {@code min + n * step}, or the size of {@code refTensor}'s
     * {@code refAxis}.
     */
    public record Axis(String type, String id, Integer size, Integer min, Integer step, String refTensor,
                       String refAxis, Integer halo, List<String> channelNames) {

        public static Axis batch() {
            return new Axis("batch", "batch", null, null, null, null, null, null, null);
        }

        public static Axis channel(List<String> names) {
            return new Axis("channel", "channel", null, null, null, null, null, null, List.copyOf(names));
        }

        public static Axis space(String id, int min, int step) {
            return new Axis("space", id, null, min, step, null, null, null, null);
        }

        public static Axis spaceLike(String id, String tensor, String axis) {
            return new Axis("space", id, null, null, null, tensor, axis, null, null);
        }
    }

    /** A pre- or post-processing step: its id (e.g. {@code zero_mean_unit_variance}) and its arguments. */
    public record Operation(String id, Map<String, Object> kwargs) {
        public Operation {
            kwargs = kwargs == null ? Map.of() : kwargs;
        }
    }

    /** One weights entry. */
    public record Weights(String source, String sha256, Integer opsetVersion) {
    }

    /** The ONNX weights entry, or null. */
    public Weights onnx() {
        return weights.get(ONNX);
    }
}
