package org.labscale.bioimageio.rdf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Writes a {@link ModelRdf} as {@code rdf.yaml} (format {@value ModelRdf#FORMAT_VERSION}) and reads a model
 * description of format 0.5.x back. Reading is lenient about fields Labscale does not use and strict about the ones it
 * does: a missing or malformed one is an {@link RdfException} naming it.
 */
public final class RdfYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private RdfYaml() {
    }

    /** The description cannot be read; the message names the field. */
    public static final class RdfException extends Exception {
        public RdfException(String message) {
            super(message);
        }
    }

    public static String write(ModelRdf rdf) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format_version", ModelRdf.FORMAT_VERSION);
        root.put("type", "model");
        putIfPresent(root, "id", rdf.id());
        putIfPresent(root, "version", rdf.version());
        root.put("name", rdf.name());
        root.put("description", rdf.description() == null ? "" : rdf.description());
        root.put("authors", rdf.authors().stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            putIfPresent(m, "affiliation", a.affiliation());
            putIfPresent(m, "orcid", a.orcid());
            return m;
        }).toList());
        root.put("cite", rdf.cite().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("text", c.text());
            putIfPresent(m, "doi", c.doi());
            putIfPresent(m, "url", c.url());
            return m;
        }).toList());
        putIfPresent(root, "license", rdf.license());
        root.put("covers", rdf.covers());
        putIfPresent(root, "documentation", rdf.documentation());
        root.put("tags", rdf.tags());
        putIfPresent(root, "timestamp", rdf.timestamp());
        root.put("inputs", rdf.inputs().stream().map(t -> tensor(t, "preprocessing")).toList());
        root.put("outputs", rdf.outputs().stream().map(t -> tensor(t, "postprocessing")).toList());
        Map<String, Object> weights = new LinkedHashMap<>();
        rdf.weights().forEach((format, w) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", w.source());
            putIfPresent(m, "sha256", w.sha256());
            putIfPresent(m, "opset_version", w.opsetVersion());
            weights.put(format, m);
        });
        root.put("weights", weights);
        if (!rdf.config().isEmpty()) {
            root.put("config", rdf.config());
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rdf.yaml could not be written", e);
        }
    }

    private static Map<String, Object> tensor(ModelRdf.Tensor t, String processingKey) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        putIfPresent(m, "description", t.description());
        m.put("axes", t.axes().stream().map(RdfYaml::axis).toList());
        if (t.testTensor() != null) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("source", t.testTensor());
            putIfPresent(file, "sha256", t.testTensorSha256());
            m.put("test_tensor", file);
        }
        if (!t.processing().isEmpty()) {
            m.put(processingKey, t.processing().stream().map(op -> {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("id", op.id());
                if (!op.kwargs().isEmpty()) {
                    o.put("kwargs", op.kwargs());
                }
                return o;
            }).toList());
        }
        return m;
    }

    private static Map<String, Object> axis(ModelRdf.Axis a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", a.type());
        putIfPresent(m, "id", a.id());
        if (a.channelNames() != null) {
            m.put("channel_names", a.channelNames());
        }
        if (a.size() != null) {
            m.put("size", a.size());
        } else if (a.min() != null) {
            m.put("size", Map.of("min", a.min(), "step", a.step()));
        } else if (a.refTensor() != null) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("tensor_id", a.refTensor());
            ref.put("axis_id", a.refAxis());
            m.put("size", ref);
        }
        putIfPresent(m, "halo", a.halo());
        return m;
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** Reads a model description of format 0.5.x. */
    public static ModelRdf read(String yaml) throws RdfException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new RdfException("rdf.yaml is not YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RdfException("rdf.yaml is not a mapping of fields");
        }
        if (!"model".equals(root.path("type").asText())) {
            throw new RdfException("rdf.yaml describes a '" + root.path("type").asText("")
                    + "', not a model (type: model)");
        }
        String format = root.path("format_version").asText("");
        if (!format.startsWith("0.5.")) {
            throw new RdfException("rdf.yaml has format_version '" + format + "'; Labscale reads model descriptions"
                    + " of format 0.5.x");
        }
        List<ModelRdf.Author> authors = new ArrayList<>();
        for (JsonNode a : root.path("authors")) {
            authors.add(new ModelRdf.Author(text(a, "name"), text(a, "affiliation"), text(a, "orcid")));
        }
        List<ModelRdf.Cite> cite = new ArrayList<>();
        for (JsonNode c : root.path("cite")) {
            cite.add(new ModelRdf.Cite(text(c, "text"), text(c, "doi"), text(c, "url")));
        }
        List<String> covers = new ArrayList<>();
        root.path("covers").forEach(c -> covers.add(c.asText()));
        List<String> tags = new ArrayList<>();
        root.path("tags").forEach(t -> tags.add(t.asText()));
        Map<String, ModelRdf.Weights> weights = new LinkedHashMap<>();
        root.path("weights").fields().forEachRemaining(e -> {
            if (e.getValue().isObject()) {
                JsonNode w = e.getValue();
                weights.put(e.getKey(), new ModelRdf.Weights(text(w, "source"), text(w, "sha256"),
                        w.hasNonNull("opset_version") ? w.get("opset_version").asInt() : null));
            }
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> config = root.has("config") && root.get("config").isObject()
                ? YAML.convertValue(root.get("config"), Map.class) : Map.of();
        return new ModelRdf(text(root, "id"), text(root, "version"), text(root, "name"), text(root, "description"),
                authors, cite, text(root, "license"), covers, text(root, "documentation"), tags,
                text(root, "timestamp"), tensors(root, "inputs", "preprocessing"),
                tensors(root, "outputs", "postprocessing"), weights, config);
    }

    private static List<ModelRdf.Tensor> tensors(JsonNode root, String key, String processingKey)
            throws RdfException {
        JsonNode list = root.path(key);
        if (!list.isArray() || list.isEmpty()) {
            throw new RdfException("rdf.yaml lists no " + key);
        }
        List<ModelRdf.Tensor> tensors = new ArrayList<>();
        int index = 0;
        for (JsonNode t : list) {
            String id = t.hasNonNull("id") ? t.get("id").asText() : "inputs".equals(key) ? "input" : "output";
            List<ModelRdf.Axis> axes = new ArrayList<>();
            for (JsonNode a : t.path("axes")) {
                axes.add(axis(a, key + "[" + index + "]"));
            }
            if (axes.isEmpty()) {
                throw new RdfException("rdf.yaml " + key + "[" + index + "] ('" + id + "') has no axes");
            }
            List<ModelRdf.Operation> ops = new ArrayList<>();
            for (JsonNode op : t.path(processingKey)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> kwargs = op.has("kwargs") ? YAML.convertValue(op.get("kwargs"), Map.class)
                        : Map.of();
                ops.add(new ModelRdf.Operation(text(op, "id"), kwargs));
            }
            JsonNode test = t.path("test_tensor");
            tensors.add(new ModelRdf.Tensor(id, text(t, "description"), axes, text(test, "source"),
                    text(test, "sha256"), ops));
            index++;
        }
        return tensors;
    }

    private static ModelRdf.Axis axis(JsonNode a, String where) throws RdfException {
        String type = text(a, "type");
        if (type == null) {
            throw new RdfException("rdf.yaml " + where + " has an axis without a type");
        }
        String id = text(a, "id");
        if (id == null) {
            // The specification's default ids.
            id = switch (type) {
                case "space" -> "x";
                case "channel" -> "channel";
                case "batch" -> "batch";
                case "time" -> "time";
                default -> "index";
            };
        }
        JsonNode size = a.path("size");
        Integer fixed = size.isInt() ? size.asInt() : null;
        Integer min = size.has("min") ? size.get("min").asInt() : null;
        Integer step = size.has("step") ? size.get("step").asInt() : null;
        List<String> channels = null;
        if (a.has("channel_names")) {
            channels = new ArrayList<>();
            for (JsonNode c : a.get("channel_names")) {
                channels.add(c.asText());
            }
        }
        return new ModelRdf.Axis(type, id, fixed, min, step, text(size, "tensor_id"), text(size, "axis_id"),
                a.hasNonNull("halo") ? a.get("halo").asInt() : null, channels);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
