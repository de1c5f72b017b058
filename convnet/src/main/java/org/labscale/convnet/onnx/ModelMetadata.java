package org.labscale.convnet.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.labscale.shared.net.NetSpec;
import org.labscale.shared.net.Normalization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import ai.onnx.proto.OnnxMl;

/**
 * What Labscale writes into an ONNX model's {@code metadata_props} (all values strings, JSON where structured), and
 * reads back without ONNX Runtime. Keys: {@code labscale.format} ({@value #FORMAT}), {@code labscale.receptive_field},
 * {@code labscale.channels}, {@code labscale.classes}, {@code labscale.normalization}, {@code labscale.net},
 * {@code labscale.provenance}, and {@code labscale.pixel_size_um} when the net was trained at a pixel size.
 *
 * @param receptiveField patch side in pixels
 * @param channels       channel roles in input order
 * @param classes        class names in output order
 * @param normalization  how inputs must be normalised
 * @param net            the layers
 * @param provenance     job, training sets, hyper-parameters, seed, member, libraries, git revision
 * @param pixelSizeUm    the pixel size (micrometres) the net was trained at, which images are resampled to before it
 *                       sees them; null: none (images are used as they are)
 */
public record ModelMetadata(int receptiveField, List<String> channels, List<String> classes,
                            Normalization normalization, NetSpec net, Map<String, Object> provenance,
                            Double pixelSizeUm) {

    /** The metadata format written here. */
    public static final int FORMAT = 1;

    public static final String KEY_FORMAT = "labscale.format";
    public static final String KEY_RECEPTIVE_FIELD = "labscale.receptive_field";
    public static final String KEY_CHANNELS = "labscale.channels";
    public static final String KEY_CLASSES = "labscale.classes";
    public static final String KEY_NORMALIZATION = "labscale.normalization";
    public static final String KEY_NET = "labscale.net";
    public static final String KEY_PROVENANCE = "labscale.provenance";
    public static final String KEY_PIXEL_SIZE = "labscale.pixel_size_um";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Without a pixel size. */
    public ModelMetadata(int receptiveField, List<String> channels, List<String> classes,
                         Normalization normalization, NetSpec net, Map<String, Object> provenance) {
        this(receptiveField, channels, classes, normalization, net, provenance, null);
    }

    public ModelMetadata {
        channels = List.copyOf(channels);
        classes = List.copyOf(classes);
        provenance = provenance == null ? Map.of() : provenance;
    }

    /** The key-value pairs, in a stable order. */
    public Map<String, String> toProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(KEY_FORMAT, Integer.toString(FORMAT));
        out.put(KEY_RECEPTIVE_FIELD, Integer.toString(receptiveField));
        out.put(KEY_CHANNELS, json(channels));
        out.put(KEY_CLASSES, json(classes));
        out.put(KEY_NORMALIZATION, json(normalization));
        out.put(KEY_NET, json(net));
        out.put(KEY_PROVENANCE, json(provenance));
        if (pixelSizeUm != null) {
            out.put(KEY_PIXEL_SIZE, Double.toString(pixelSizeUm));
        }
        return out;
    }

    /**
     * Parses the pairs written by {@link #toProperties()}.
     *
     * @throws IllegalArgumentException naming the missing or malformed key, or an unknown format
     */
    public static ModelMetadata fromProperties(Map<String, String> props) {
        String format = required(props, KEY_FORMAT);
        if (!Integer.toString(FORMAT).equals(format)) {
            throw new IllegalArgumentException("Unknown Labscale model format " + format + " (this version reads "
                    + FORMAT + ").");
        }
        int receptiveField;
        try {
            receptiveField = Integer.parseInt(required(props, KEY_RECEPTIVE_FIELD));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(KEY_RECEPTIVE_FIELD + " is not a number: "
                    + props.get(KEY_RECEPTIVE_FIELD));
        }
        return new ModelMetadata(receptiveField,
                parse(props, KEY_CHANNELS, new TypeReference<List<String>>() { }),
                parse(props, KEY_CLASSES, new TypeReference<List<String>>() { }),
                parse(props, KEY_NORMALIZATION, new TypeReference<Normalization>() { }),
                parse(props, KEY_NET, new TypeReference<NetSpec>() { }),
                parse(props, KEY_PROVENANCE, new TypeReference<Map<String, Object>>() { }),
                pixelSize(props.get(KEY_PIXEL_SIZE)));
    }

    private static Double pixelSize(String value) {
        if (value == null) {
            return null;
        }
        try {
            double size = Double.parseDouble(value);
            if (size > 0 && !Double.isInfinite(size)) {
                return size;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(KEY_PIXEL_SIZE + " is not a positive number: " + value);
    }

    /** Reads the metadata of a serialised ONNX model (parses the whole ModelProto). */
    public static ModelMetadata read(byte[] onnxModel) {
        try {
            return of(OnnxMl.ModelProto.parseFrom(onnxModel));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("Not an ONNX model: " + e.getMessage(), e);
        }
    }

    /** Reads the metadata of an ONNX model file. */
    public static ModelMetadata read(Path onnxFile) throws IOException {
        try (InputStream in = Files.newInputStream(onnxFile)) {
            return of(OnnxMl.ModelProto.parseFrom(in));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(onnxFile.getFileName() + " is not an ONNX model: " + e.getMessage(), e);
        }
    }

    /** The metadata of a parsed model. */
    public static ModelMetadata of(OnnxMl.ModelProto model) {
        Map<String, String> props = new LinkedHashMap<>();
        for (OnnxMl.StringStringEntryProto entry : model.getMetadataPropsList()) {
            props.put(entry.getKey(), entry.getValue());
        }
        return fromProperties(props);
    }

    private static String required(Map<String, String> props, String key) {
        String value = props.get(key);
        if (value == null) {
            throw new IllegalArgumentException("The model has no " + key + " metadata; it was not exported by"
                    + " Labscale.");
        }
        return value;
    }

    private static <T> T parse(Map<String, String> props, String key, TypeReference<T> type) {
        String value = required(props, key);
        try {
            return JSON.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(key + " is not valid: " + e.getOriginalMessage());
        }
    }

    /** Compact JSON of a value, keys sorted. */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write metadata as JSON", e);
        }
    }
}
