package org.labscale.api.model.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code metadata_props} of an ONNX file (a protobuf {@code ModelProto}) while streaming it once, without
 * holding the graph's weights: top-level fields are walked by their wire type and everything but field 14
 * ({@code metadata_props}, entries of {@code StringStringEntryProto} with key 1 and value 2) is read past. A file
 * without {@code ir_version} (field 1) or {@code graph} (field 7), or whose fields do not parse, is not ONNX.
 *
 * <p>Source: the ONNX protobuf schema ({@code onnx/onnx.proto}, {@code ModelProto}) and the protobuf wire format
 * (protobuf.dev/programming-guides/encoding).
 */
final class OnnxMetadata {

    private static final int IR_VERSION = 1;
    private static final int GRAPH = 7;
    private static final int METADATA_PROPS = 14;
    private static final int MAX_ENTRY = 1 << 20;

    /** The file is not a well-formed ONNX model. */
    static final class NotOnnx extends Exception {
        NotOnnx(String message) {
            super(message);
        }
    }

    private OnnxMetadata() {
    }

    /** Reads {@code in} to its end; answers the metadata properties in file order. */
    static Map<String, String> read(InputStream in) throws IOException, NotOnnx {
        Map<String, String> props = new LinkedHashMap<>();
        boolean irVersion = false;
        boolean graph = false;
        byte[] scratch = new byte[64 * 1024];
        while (true) {
            long tag = varint(in, true);
            if (tag < 0) {
                break;
            }
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (field == 0) {
                throw new NotOnnx("field number 0 at the top level");
            }
            switch (wireType) {
                case 0 -> {
                    varint(in, false);
                    irVersion |= field == IR_VERSION;
                }
                case 1 -> skip(in, 8, scratch);
                case 5 -> skip(in, 4, scratch);
                case 2 -> {
                    long length = varint(in, false);
                    if (field == METADATA_PROPS) {
                        if (length > MAX_ENTRY) {
                            throw new NotOnnx("a metadata entry of " + length + " bytes");
                        }
                        byte[] entry = in.readNBytes((int) length);
                        if (entry.length != length) {
                            throw new NotOnnx("the file ends inside a metadata entry");
                        }
                        entry(entry, props);
                    } else {
                        skip(in, length, scratch);
                        graph |= field == GRAPH;
                    }
                }
                default -> throw new NotOnnx("wire type " + wireType + " of field " + field);
            }
        }
        if (!irVersion || !graph) {
            throw new NotOnnx(!irVersion ? "no ir_version" : "no graph");
        }
        return props;
    }

    private static void entry(byte[] bytes, Map<String, String> props) throws NotOnnx {
        String key = null;
        String value = "";
        int i = 0;
        while (i < bytes.length) {
            int tag = bytes[i++] & 0xff;
            if ((tag & 7) != 2 || tag >= 0x80) {
                throw new NotOnnx("a metadata entry with field tag " + tag);
            }
            long length = 0;
            int shift = 0;
            int b;
            do {
                if (i >= bytes.length || shift > 28) {
                    throw new NotOnnx("a metadata entry with a broken length");
                }
                b = bytes[i++] & 0xff;
                length |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if (length > bytes.length - i) {
                throw new NotOnnx("a metadata entry longer than its bytes");
            }
            String text = new String(bytes, i, (int) length, StandardCharsets.UTF_8);
            i += (int) length;
            if (tag >>> 3 == 1) {
                key = text;
            } else if (tag >>> 3 == 2) {
                value = text;
            }
        }
        if (key != null) {
            props.put(key, value);
        }
    }

    /** A base-128 varint; -1 at a clean end of the stream when {@code eofAllowed}. */
    private static long varint(InputStream in, boolean eofAllowed) throws IOException, NotOnnx {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.read();
            if (b < 0) {
                if (eofAllowed && shift == 0) {
                    return -1;
                }
                throw new NotOnnx("the file ends inside a field");
            }
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new NotOnnx("a varint longer than 10 bytes");
    }

    /** Reads past {@code n} bytes (reading, not skipping, so that a digesting stream sees them). */
    private static void skip(InputStream in, long n, byte[] scratch) throws IOException, NotOnnx {
        if (n < 0) {
            throw new NotOnnx("a negative length");
        }
        while (n > 0) {
            int read = in.read(scratch, 0, (int) Math.min(scratch.length, n));
            if (read < 0) {
                throw new NotOnnx("the file ends inside a field (" + n + " bytes missing)");
            }
            n -= read;
        }
    }
}
