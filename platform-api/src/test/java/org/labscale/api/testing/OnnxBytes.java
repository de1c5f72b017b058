package org.labscale.api.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

/**
 * Small ONNX {@code ModelProto} files written with the protobuf wire format: {@code ir_version} 8, a {@code graph}
 * field of random bytes (standing in for the net) and {@code metadata_props}. Enough for the API, which streams
 * members once for their SHA-256 and reads only the metadata.
 */
public final class OnnxBytes {

    private OnnxBytes() {
    }

    /** A member with the labscale metadata for these classes, channels and receptive field. */
    public static byte[] member(String classesJson, String channelsJson, int receptiveField, long seed) {
        return model(Map.of("labscale.format", "1", "labscale.classes", classesJson, "labscale.channels", channelsJson,
                "labscale.receptive_field", Integer.toString(receptiveField)), seed);
    }

    public static byte[] model(Map<String, String> metadata, long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, 1 << 3); // ir_version
        varint(out, 8);
        byte[] graph = new byte[3000];
        new Random(seed).nextBytes(graph);
        field(out, 7, graph);
        metadata.forEach((k, v) -> {
            ByteArrayOutputStream entry = new ByteArrayOutputStream();
            field(entry, 1, k.getBytes(StandardCharsets.UTF_8));
            field(entry, 2, v.getBytes(StandardCharsets.UTF_8));
            field(out, 14, entry.toByteArray());
        });
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] bytes) {
        varint(out, number << 3 | 2);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }
}
