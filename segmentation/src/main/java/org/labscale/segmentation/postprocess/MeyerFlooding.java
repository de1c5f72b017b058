package org.labscale.segmentation.postprocess;

import java.util.Arrays;

/**
 * Marker-controlled watershed by priority flooding (F. Meyer, "Topographic distance and watershed lines", Signal
 * Processing 38, 1994; S. Beucher and F. Meyer, "The morphological approach to segmentation: the watershed
 * transformation", 1993; the immersion view is L. Vincent and P. Soille, IEEE TPAMI 13(6), 1991). Every marker grows
 * over the allowed pixels in order of increasing elevation; a pixel takes the label of the neighbour that reached it
 * first, so two basins meet at the crest between them. Ties in elevation are broken first in, first out, which makes
 * the result deterministic and splits plateaus evenly. 4-connected; no watershed line is drawn (every allowed pixel
 * reachable from a marker gets a label). O(n log n) time, a few ints per pixel of memory.
 */
final class MeyerFlooding {

    private MeyerFlooding() {
    }

    /**
     * Floods {@code labels} in place.
     *
     * @param elevation lower floods first
     * @param labels    markers (> 0) on input; on output every allowed pixel connected to a marker holds its label
     * @param allowed   where flooding may go (markers outside it stay)
     */
    static void flood(float[] elevation, int[] labels, boolean[] allowed, int width, int height) {
        flood(elevation, labels, allowed, width, height, Integer.MAX_VALUE);
    }

    /**
     * Floods {@code labels} in place, at most {@code maxSteps} 4-connected steps away from the markers (seeded region
     * growing with a reach limit; each pixel's step count is that of the path by which it was reached).
     *
     * @param maxSteps {@link Integer#MAX_VALUE} for no limit
     */
    static void flood(float[] elevation, int[] labels, boolean[] allowed, int width, int height, int maxSteps) {
        int[] steps = maxSteps == Integer.MAX_VALUE ? null : new int[labels.length];
        Heap heap = new Heap(Math.max(16, labels.length / 8));
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] > 0) {
                heap.push(elevation[i], i);
            }
        }
        while (!heap.isEmpty()) {
            int i = heap.pop();
            int x = i % width;
            int y = i / width;
            int label = labels[i];
            int step = 0;
            if (steps != null) {
                step = steps[i] + 1;
                if (step > maxSteps) {
                    continue;
                }
            }
            if (x > 0) {
                visit(i - 1, label, step, elevation, labels, steps, allowed, heap);
            }
            if (x < width - 1) {
                visit(i + 1, label, step, elevation, labels, steps, allowed, heap);
            }
            if (y > 0) {
                visit(i - width, label, step, elevation, labels, steps, allowed, heap);
            }
            if (y < height - 1) {
                visit(i + width, label, step, elevation, labels, steps, allowed, heap);
            }
        }
    }

    private static void visit(int q, int label, int step, float[] elevation, int[] labels, int[] steps,
                              boolean[] allowed, Heap heap) {
        if (labels[q] == 0 && allowed[q]) {
            labels[q] = label;
            if (steps != null) {
                steps[q] = step;
            }
            heap.push(elevation[q], q);
        }
    }

    /** Binary min-heap on (elevation, insertion order) holding pixel indices. */
    private static final class Heap {
        private float[] keys;
        private long[] order;
        private int[] pixels;
        private int size;
        private long next;

        Heap(int capacity) {
            keys = new float[capacity];
            order = new long[capacity];
            pixels = new int[capacity];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void push(float key, int pixel) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                order = Arrays.copyOf(order, size * 2);
                pixels = Arrays.copyOf(pixels, size * 2);
            }
            int i = size++;
            long seq = next++;
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (!less(key, seq, keys[parent], order[parent])) {
                    break;
                }
                set(i, keys[parent], order[parent], pixels[parent]);
                i = parent;
            }
            set(i, key, seq, pixel);
        }

        int pop() {
            int top = pixels[0];
            size--;
            if (size > 0) {
                float key = keys[size];
                long seq = order[size];
                int pixel = pixels[size];
                int i = 0;
                while (true) {
                    int child = 2 * i + 1;
                    if (child >= size) {
                        break;
                    }
                    if (child + 1 < size && less(keys[child + 1], order[child + 1], keys[child], order[child])) {
                        child++;
                    }
                    if (!less(keys[child], order[child], key, seq)) {
                        break;
                    }
                    set(i, keys[child], order[child], pixels[child]);
                    i = child;
                }
                set(i, key, seq, pixel);
            }
            return top;
        }

        private void set(int i, float key, long seq, int pixel) {
            keys[i] = key;
            order[i] = seq;
            pixels[i] = pixel;
        }

        private static boolean less(float k1, long s1, float k2, long s2) {
            return k1 < k2 || (k1 == k2 && s1 < s2);
        }
    }
}
