package org.labscale.bioimageio.run;

import java.util.List;

/**
 * Where sample {@code (c, y, x)} of a batch-of-one tensor lies for a given axis order ({@code batch}, {@code channel},
 * {@code y}, {@code x}; batch and channel optional), and the tensor's shape.
 */
record TensorLayout(List<String> axes, int channels, int height, int width) {

    long[] shape() {
        long[] shape = new long[axes.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = size(axes.get(i));
        }
        return shape;
    }

    private int size(String axis) {
        return switch (axis) {
            case "channel" -> channels;
            case "y" -> height;
            case "x" -> width;
            default -> 1;
        };
    }

    /** The strides of channel, y and x. */
    int[] strides() {
        int[] strides = new int[3];
        int stride = 1;
        for (int i = axes.size() - 1; i >= 0; i--) {
            switch (axes.get(i)) {
                case "channel" -> strides[0] = stride;
                case "y" -> strides[1] = stride;
                case "x" -> strides[2] = stride;
                default -> { }
            }
            stride *= size(axes.get(i));
        }
        return strides;
    }

    /** Planes {@code [c][y * width + x]} as a tensor in this layout. */
    float[] pack(float[][] planes) {
        int[] s = strides();
        float[] out = new float[channels * height * width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    out[c * s[0] + y * s[1] + x * s[2]] = planes[c][y * width + x];
                }
            }
        }
        return out;
    }

    /** A tensor in this layout as planes {@code [c][y * width + x]}. */
    float[][] unpack(float[] data) {
        int[] s = strides();
        float[][] planes = new float[channels][height * width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    planes[c][y * width + x] = data[c * s[0] + y * s[1] + x * s[2]];
                }
            }
        }
        return planes;
    }
}
