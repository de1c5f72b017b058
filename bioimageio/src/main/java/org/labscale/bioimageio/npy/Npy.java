package org.labscale.bioimageio.npy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (version 1.0 to 3.0), the tensor file of bioimage.io packages: a magic string, a
 * header that is a Python dict literal ({@code descr}, {@code fortran_order}, {@code shape}), then the samples. Reads
 * little-endian {@code float32}, {@code float64}, {@code uint8} and {@code uint16} in C order into floats; writes
 * {@code float32} (version 1.0, header padded to 64 bytes as NumPy does).
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    /** Larger tensors are refused: a package's test tensors are single images. */
    public static final long MAX_ELEMENTS = 64L * 1024 * 1024;

    private Npy() {
    }

    /** A tensor read from or written to {@code .npy}: its shape and its samples in C order. */
    public record Tensor(long[] shape, float[] data) {
        public Tensor {
            long n = 1;
            for (long d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
                }
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                        + " values, not " + data.length);
            }
        }
    }

    /** The file is not an {@code .npy} this reader supports; the message says why. */
    public static final class NpyException extends IOException {
        public NpyException(String message) {
            super(message);
        }
    }

    public static Tensor read(byte[] bytes) throws NpyException {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new NpyException("not a NumPy .npy file (no \\x93NUMPY magic)");
        }
        int major = bytes[6];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength;
        int start;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(b.getShort(8));
            start = 10;
        } else if (major == 2 || major == 3) {
            headerLength = b.getInt(8);
            start = 12;
        } else {
            throw new NpyException(".npy version " + major + " is not supported (1 to 3 are)");
        }
        if (headerLength < 0 || start + headerLength > bytes.length) {
            throw new NpyException(".npy header runs past the end of the file");
        }
        String header = new String(bytes, start, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, "descr");
        if ("True".equals(group(FORTRAN, header, "fortran_order"))) {
            throw new NpyException(".npy in Fortran order is not supported; save it in C order");
        }
        long[] shape = shape(group(SHAPE, header, "shape"));
        long count = 1;
        for (long d : shape) {
            count *= d;
            if (count > MAX_ELEMENTS) {
                throw new NpyException(".npy tensor of shape " + Arrays.toString(shape) + " is larger than "
                        + MAX_ELEMENTS + " elements");
            }
        }
        int size = switch (descr) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            case "|u1", "<u1", "u1" -> 1;
            case "<u2" -> 2;
            default -> throw new NpyException(".npy dtype '" + descr + "' is not supported (float32, float64,"
                    + " uint8, uint16 little-endian are)");
        };
        int dataStart = start + headerLength;
        if ((long) bytes.length - dataStart < count * size) {
            throw new NpyException(".npy holds " + (bytes.length - dataStart) + " bytes of data; shape "
                    + Arrays.toString(shape) + " needs " + count * size);
        }
        float[] data = new float[(int) count];
        b.position(dataStart);
        for (int i = 0; i < data.length; i++) {
            data[i] = switch (size) {
                case 4 -> b.getFloat();
                case 8 -> (float) b.getDouble();
                case 1 -> Byte.toUnsignedInt(b.get());
                default -> Short.toUnsignedInt(b.getShort());
            };
        }
        return new Tensor(shape, data);
    }

    public static Tensor read(InputStream in) throws IOException {
        return read(in.readAllBytes());
    }

    /** The sample types {@link #write} can produce. */
    public enum DType {
        FLOAT32("<f4", 4), UINT8("|u1", 1), UINT16("<u2", 2);

        private final String descr;
        private final int size;

        DType(String descr, int size) {
            this.descr = descr;
            this.size = size;
        }
    }

    /** {@code tensor} as a little-endian float32 {@code .npy}. */
    public static byte[] writeFloat32(Tensor tensor) {
        return write(tensor, DType.FLOAT32);
    }

    /**
     * {@code tensor} as {@code .npy} version 1.0 in C order. Integer types round to nearest and clamp to their range.
     */
    public static byte[] write(Tensor tensor, DType type) {
        StringBuilder dims = new StringBuilder();
        for (long d : tensor.shape()) {
            dims.append(d).append(", ");
        }
        String shape = tensor.shape().length == 1 ? dims.substring(0, dims.length() - 1)
                : dims.length() == 0 ? "" : dims.substring(0, dims.length() - 2);
        StringBuilder header = new StringBuilder("{'descr': '" + type.descr + "', 'fortran_order': False, 'shape': ("
                + shape + "), }");
        // Magic (6) + version (2) + length (2) + header + '\n' is a multiple of 64.
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] text = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(10 + text.length + type.size * tensor.data().length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        for (float v : tensor.data()) {
            switch (type) {
                case FLOAT32 -> out.putFloat(v);
                case UINT8 -> out.put((byte) clamp(v, 255));
                case UINT16 -> out.putShort((short) clamp(v, 65535));
            }
        }
        return out.array();
    }

    private static int clamp(float v, int max) {
        return Float.isNaN(v) ? 0 : Math.max(0, Math.min(max, Math.round(v)));
    }

    private static String group(Pattern p, String header, String key) throws NpyException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new NpyException(".npy header has no '" + key + "': " + header.strip());
        }
        return m.group(1);
    }

    private static long[] shape(String text) throws NpyException {
        String[] parts = Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
        long[] shape = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                shape[i] = Long.parseLong(parts[i].replace("L", ""));
            } catch (NumberFormatException e) {
                throw new NpyException(".npy shape (" + text + ") is not a list of sizes");
            }
        }
        return shape;
    }
}
